// lunr.js with the lunr-languages add-ons our sites' languages need, from the releases that
// package-lock.json pins (the same files the Node tests run). They come inside the search
// bundle: one request fewer than separate scripts, and no global to wait for. Their license
// comments stay at the end of search/bundle.js.
import lunr from "lunr/lunr.min.js";
import stemmerSupport from "lunr-languages/min/lunr.stemmer.support.min.js";
import spanish from "lunr-languages/min/lunr.es.min.js";

stemmerSupport(lunr);
spanish(lunr);

export default lunr;
