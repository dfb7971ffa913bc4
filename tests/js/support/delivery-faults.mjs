// Delivery under faults, for the tests (delivery.test.mjs) and the benchmark
// (benchmarks/bench_delivery.mjs): real receivers on loopback, a webhook endpoint (HTTP) and
// an SMTP server (smtp-server, nodemailer's), that can be down, fail, answer late, hang or
// refuse for good. Each records every copy it got and, as a receiver should, acts on a ticket
// once by its identity (Idempotency-Key, Message-ID): `processed` vs `copies`.

import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";

/** The states a receiver can be in: what it does with a ticket it gets. */
export const FAULTS = {
  ok: "takes it and answers at once",
  down: "answers 503 / SMTP 421 (temporary)",
  error: "answers 500 / SMTP 451",
  slow: "takes it, but answers after the sender's timeout",
  hang: "never answers, never takes it",
  refuse: "answers 410 / SMTP 554 (permanent)",
};

function receiverState() {
  return {
    fault: "ok",
    delayMs: 0,
    copies: [], // the identity of every copy received
    processed: new Set(), // identities acted on
    record(identity) {
      this.copies.push(identity);
    },
    take(identity) {
      this.processed.add(identity);
    },
  };
}

export async function startWebhookReceiver() {
  const state = receiverState();
  const held = new Set();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const identity = req.headers["idempotency-key"];
      state.record(identity);
      const answer = (status) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end("{}");
      };
      const fault = state.fault;
      if (fault === "down") return answer(503);
      if (fault === "error") return answer(500);
      if (fault === "refuse") return answer(410);
      if (fault === "hang") return void held.add(res);
      state.take(identity);
      if (fault === "slow") setTimeout(() => answer(200), state.delayMs);
      else answer(200);
    });
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  return Object.assign(state, {
    env: { HELPCENTER_DELIVERY: "webhook", WEBHOOK_URL: `http://127.0.0.1:${server.address().port}/hook`, WEBHOOK_SECRET: "s" },
    async stop() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    },
  });
}

export async function startSmtpReceiver() {
  const state = receiverState();
  const failure = (code, text) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false, closeTimeout: 100,
    onData(stream, session, done) {
      const chunks = [];
      stream.on("data", (chunk) => chunks.push(chunk));
      stream.on("end", () => {
        const identity = /^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString("latin1"))?.[1];
        state.record(identity);
        const fault = state.fault;
        if (fault === "down") return done(failure(421, "Try again later"));
        if (fault === "error") return done(failure(451, "Local error in processing"));
        if (fault === "refuse") return done(failure(554, "Transaction failed: mailbox unavailable"));
        if (fault === "hang") return; // the message is never acknowledged
        state.take(identity);
        if (fault === "slow") setTimeout(() => done(), state.delayMs);
        else done();
      });
    },
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  return Object.assign(state, {
    env: { HELPCENTER_DELIVERY: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(server.server.address().port),
      SUPPORT_EMAIL_FROM: "helpcenter@example.com", SUPPORT_EMAIL_TO: "support@example.com" },
    async stop() {
      await new Promise((closed) => server.close(closed));
    },
  });
}

/**
 * One fault, end to end: `count` tickets are stored and delivered at once (as the contact
 * function does) while the receiver is in `fault`; then it recovers (but "refuse") and the
 * scheduled retry runs, `parallelRuns` at a time, until nothing is due. Returns the counts
 * the exactly-once table shows.
 */
export async function runFault({ stores, lib, receiver, fault, count = 4, parallelRuns = 1, timeoutMs = 300 }) {
  const { createTicket, deliverTicket, retryPending } = lib;
  receiver.fault = fault;
  receiver.delayMs = timeoutMs * 2;
  receiver.copies.length = 0;
  receiver.processed.clear();
  const refs = [];
  const started = Date.now();
  const first = [];
  for (let n = 0; n < count; n += 1) {
    const { ticket } = await createTicket(stores, { fields: { subject: `${fault} ${n}`, description: "x".repeat(20) }, files: [], uploads: [] });
    refs.push(ticket.ref);
    first.push(deliverTicket(stores, ticket.ref, { force: true }));
  }
  await Promise.all(first);
  if (fault !== "refuse") receiver.fault = "ok";
  let future = Date.now();
  for (let round = 0; round < 6; round += 1) {
    future += 7 * 3_600_000; // past any backoff
    const runs = await Promise.all(Array.from({ length: parallelRuns }, () => retryPending(stores, { now: future })));
    if (runs.every((counts) => !counts.delivered && !counts.failed && !counts.busy)) break;
  }
  const tickets = await Promise.all(refs.map((ref) => stores.tickets.get(`ticket/${ref}`, { type: "json" })));
  const copiesOf = (ticket) => receiver.copies.filter((identity) => identity?.includes(ticket.ref)).length;
  return {
    fault, tickets: count, parallelRuns,
    delivered: tickets.filter((t) => t.status === "delivered").length,
    failed: tickets.filter((t) => t.status === "failed").length,
    pending: tickets.filter((t) => t.status === "pending").length,
    copies: receiver.copies.length,
    maxCopies: Math.max(...tickets.map(copiesOf)),
    processed: tickets.filter((t) => receiver.processed.has(receiver.copies.find((identity) => identity?.includes(t.ref)))).length,
    identities: new Set(receiver.copies).size,
    maxAttempts: Math.max(...tickets.map((t) => t.attempts)),
    listedFailed: (await stores.tickets.list({ prefix: "failed/" })).blobs.filter(({ key }) => refs.includes(key.slice(7))).length,
    seconds: (Date.now() - started) / 1000,
  };
}
