// The "open now" rule (overrides/assets/helpcenter/support/hours.js, its only home) on the
// schedule the build writes, at the edges: the weekend, both 2026 DST changes in New York, a
// closure. tests/unit/test_support.py holds the schedule to what the build writes;
// tests/browser/test_support_browser.py asks Chromium the same questions.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { isOpen, nextOpening } from "../../overrides/assets/helpcenter/support/hours.js";

const { schedule, instants } = JSON.parse(readFileSync(new URL("./fixtures/support-hours.json", import.meta.url)));

for (const { at, open, next_opening: next, why } of instants) {
  test(`${at}: ${why}`, () => {
    assert.equal(isOpen(schedule, Date.parse(at)), open);
    assert.equal(new Date(nextOpening(schedule, Date.parse(at))).toISOString(), new Date(next).toISOString());
  });
}

test("a schedule that never opens has no next opening", () => {
  const closed = { ...schedule, weekly: [[], [], [], [], [], [], []] };
  assert.equal(isOpen(closed, Date.parse("2026-11-28T14:00:00Z")), false);
  assert.equal(nextOpening(closed, Date.parse("2026-11-28T14:00:00Z")), null);
});
