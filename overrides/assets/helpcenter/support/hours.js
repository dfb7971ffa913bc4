// Support hours in the browser: "Open now" or "Closed, we reopen <day> at <time>" in the
// reader's own time zone, computed from the schedule the build wrote (support_hours in
// mkdocs.yml) with Intl's time-zone data, so daylight-saving changes on either side are
// right. This is the only place the rule is written: the build (plugins/helpcenter/support/
// hours.py) checks the schedule and writes it, with the step and horizon of the search below.
// The static text in the page is the fallback without script.

const MINUTE = 60_000;
const formatters = new Map();

/** Wall-clock parts of `instant` in `timeZone`: {date: "YYYY-MM-DD", weekday: 0 (Mon)..6, minute}. */
export function wallClock(instant, timeZone) {
  if (!formatters.has(timeZone)) {
    formatters.set(timeZone, new Intl.DateTimeFormat("en-US", {
      timeZone, year: "numeric", month: "2-digit", day: "2-digit", weekday: "short",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }));
  }
  const parts = Object.fromEntries(formatters.get(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** Is support open at `instant` (a Date or epoch ms)? */
export function isOpen(hours, instant) {
  const local = wallClock(new Date(instant), hours.timezone);
  if (hours.closures.includes(local.date)) return false;
  return hours.weekly[local.weekday].some(([start, end]) => start <= local.minute && local.minute < end);
}

/** The first minute at or after `instant` when support is open, as epoch ms (null if never). */
export function nextOpening(hours, instant) {
  let moment = Math.floor(Number(instant) / MINUTE) * MINUTE;
  if (isOpen(hours, moment)) return moment;
  const step = hours.step_minutes * MINUTE;
  for (let i = 0; i < (hours.horizon_days * 24 * 60) / hours.step_minutes; i++) {
    const following = moment + step;
    if (isOpen(hours, following)) {
      while (!isOpen(hours, moment)) moment += MINUTE;
      return moment;
    }
    moment = following;
  }
  return null;
}

/** "Open now" or "Closed, we reopen Saturday at 9:00 AM (GMT+1)" (the reader's zone and language). */
export function statusText(hours, now, { language = document.documentElement.lang || "en", strings } = {}) {
  if (isOpen(hours, now)) return { open: true, text: strings("open_now") };
  const next = nextOpening(hours, now);
  if (next === null) return { open: false, text: strings("closed"), reopen: "" };
  const at = new Date(next);
  const sameDay = new Date(now).toDateString() === at.toDateString();
  // Within a week the weekday says it; further away (closures), the date too.
  const farAway = next - Number(now) > 6 * 24 * 60 * MINUTE;
  const day = sameDay ? null
    : at.toLocaleDateString(language, farAway ? { weekday: "long", day: "numeric", month: "long" } : { weekday: "long" });
  const time = at.toLocaleTimeString(language, { hour: "numeric", minute: "2-digit" });
  const zone = Intl.DateTimeFormat(language, { timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  const when = zone ? strings("time_in_zone", { time, zone }) : time;
  const reopen = day === null ? strings("reopen_today", { time: when }) : strings("reopen_on", { day, time: when });
  return { open: false, text: strings("closed_reopen", { reopen }), reopen, next };
}

/** Fill every .hc-hours-status on the page; refresh each minute. */
export function start(strings) {
  const badges = [...document.querySelectorAll(".hc-hours-status[data-hours]")];
  if (!badges.length) return;
  const update = () => {
    for (const badge of badges) {
      const hours = JSON.parse(badge.dataset.hours);
      const { open, text } = statusText(hours, Date.now(), { strings });
      badge.textContent = text;
      badge.classList.toggle("hc-hours-status--open", open);
      badge.classList.toggle("hc-hours-status--closed", !open);
      badge.hidden = false;
    }
  };
  update();
  setInterval(update, MINUTE);
}
