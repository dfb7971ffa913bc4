// "Was this article helpful?": sends the vote without leaving the page, then thanks the
// reader or, after a "no", asks (optionally) what was missing and offers the contact form.
// Without JavaScript the same forms post to the function, which sends the reader back here
// (#hc-feedback-thanks or #hc-feedback-more, shown by CSS :target).

import { strings } from "../strings.js";

export function start(section = document.getElementById("hc-feedback")) {
  if (!section) return;
  const text = strings();
  const vote = section.querySelector(".hc-feedback__vote");
  const more = section.querySelector(".hc-feedback__more");
  const thanks = section.querySelector(".hc-feedback__thanks");
  const status = section.querySelector(".hc-feedback__status");
  const error = section.querySelector(".hc-feedback__error");
  const failed = section.querySelector(".hc-feedback__failed");
  // Shown one at a time from here on (a page reached through a form post may target one).
  if (!more.matches(":target")) more.hidden = true;
  if (!thanks.matches(":target")) thanks.hidden = true;
  if (failed) failed.hidden = true;
  section.classList.add("hc-feedback--enhanced");

  const post = async (form, fields) => {
    const response = await fetch(form.action, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json",
        "Accept-Language": document.documentElement.lang || "en" },
      body: JSON.stringify(fields),
    });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      throw Object.assign(new Error(answer.error?.message || text("feedback_failed")), { field: answer.error?.field });
    }
  };
  const fieldsOf = (form, extra = {}) => ({
    article: form.elements.article.value, lang: form.elements.lang.value, ...extra,
  });
  const show = (element) => {
    for (const part of [vote, more, thanks]) part.hidden = part !== element;
    if (failed) failed.hidden = true;
    element.focus();
  };

  // While a vote is on its way the buttons say so (aria-disabled keeps focus on them,
  // where `disabled` would drop it to the top of the page).
  let busy = false;
  vote.addEventListener("submit", async (event) => {
    event.preventDefault();
    const choice = event.submitter?.value;
    if (busy || (choice !== "yes" && choice !== "no")) return;
    busy = true;
    for (const button of vote.querySelectorAll("button")) button.setAttribute("aria-disabled", "true");
    try {
      await post(vote, fieldsOf(vote, { vote: choice }));
      status.textContent = "";
      show(choice === "yes" ? thanks : more);
    } catch (failure) {
      status.textContent = failure.message;
    } finally {
      busy = false;
      for (const button of vote.querySelectorAll("button")) button.removeAttribute("aria-disabled");
    }
  });

  more.addEventListener("submit", async (event) => {
    event.preventDefault();
    const comment = more.elements.comment;
    error.hidden = true;
    comment.removeAttribute("aria-invalid");
    try {
      await post(more, fieldsOf(more, { vote: "no", comment: comment.value, step: "more" }));
      show(thanks);
    } catch (failure) {
      if (failure.field === "comment") {
        error.textContent = failure.message;
        error.hidden = false;
        comment.setAttribute("aria-invalid", "true");
        comment.focus();
      } else {
        status.textContent = failure.message;
      }
    }
  });
}
