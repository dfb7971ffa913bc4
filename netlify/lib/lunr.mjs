// lunr.js with every lunr-languages language the build can stem (search/lunr_languages.json,
// and Spanish): the no-JavaScript search answers in the site's language. Static imports, so
// Netlify's bundler (esbuild) includes them.
import lunr from "lunr";
import stemmerSupport from "lunr-languages/lunr.stemmer.support.js";
import da from "lunr-languages/lunr.da.js";
import de from "lunr-languages/lunr.de.js";
import es from "lunr-languages/lunr.es.js";
import fi from "lunr-languages/lunr.fi.js";
import fr from "lunr-languages/lunr.fr.js";
import hu from "lunr-languages/lunr.hu.js";
import it from "lunr-languages/lunr.it.js";
import nl from "lunr-languages/lunr.nl.js";
import no from "lunr-languages/lunr.no.js";
import pt from "lunr-languages/lunr.pt.js";
import ro from "lunr-languages/lunr.ro.js";
import ru from "lunr-languages/lunr.ru.js";
import sv from "lunr-languages/lunr.sv.js";
import tr from "lunr-languages/lunr.tr.js";

stemmerSupport(lunr);
for (const register of [da, de, es, fi, fr, hu, it, nl, no, pt, ro, ru, sv, tr]) register(lunr);

export default lunr;
