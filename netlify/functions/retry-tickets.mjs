// Scheduled: every ten minutes, deliver the tickets still pending (the destination was down
// or refused them), each when its backoff has passed. Delivery claims a lease per ticket,
// so a ticket is never sent twice at once. Uploads that no ticket took within a day are deleted.

import { openStores } from "../lib/store.mjs";
import { retryPending } from "../lib/tickets.mjs";
import { deleteAbandonedUploads } from "../lib/uploads.mjs";

export default async function retryTickets() {
  const stores = openStores(process.env.CONTEXT);
  const counts = await retryPending(stores);
  counts.abandonedUploadsDeleted = await deleteAbandonedUploads(stores);
  console.log("retry-tickets", JSON.stringify(counts));
  return new Response(null, { status: 204 });
}

export const config = { schedule: "*/10 * * * *" };
