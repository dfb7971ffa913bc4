// Scheduled daily: delete the hash keys (salts) of past days, so that no count can be tied
// back to a reader, even on a day without any vote or search to trigger it.

import { forgetOldSalts, openInsights } from "../lib/insights.mjs";

export default async function insightsCleanup() {
  const deleted = await forgetOldSalts(openInsights(process.env.CONTEXT));
  console.log("insights-cleanup", JSON.stringify({ saltsDeleted: deleted }));
  return new Response(null, { status: 204 });
}

export const config = { schedule: "5 0 * * *" };
