"""The languages lunr-languages stems (its Snowball ones, and Arabic): the build indexes
exactly the terms lunr.js and lunr-languages make."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from helpcenter.search.languages import language

from ..conftest import ROOT

DATA = ROOT / "plugins/helpcenter/search/lunr_languages.json"
# Inflected, accented and capitalised words in each language (help-center sentences).
TEXTS = {
    "fr": "Les réservations annulées sont remboursées ; l'échéance des factures dépend de la banque. "
          "Œuvres, cœur, naïveté, Noël, où, déjà, s'abonner, abonnements, synchronisées.",
    "de": "Die Größe der Häuser ändert sich nicht. Stornierte Buchungen werden erstattet; "
          "Rechnungen und Zahlungen, Kalendersynchronisierung, Übersicht, straßen.",
    "pt": "As reservas canceladas são reembolsadas; a execução e a introdução das faturas. "
          "Sincronização, calendários, pagamentos, hóspedes, não, está.",
    "it": "Le prenotazioni cancellate vengono rimborsate; le fatture e i pagamenti dei clienti. "
          "Sincronizzazione dei calendari, perché, città, più.",
    "nl": "Geannuleerde boekingen worden terugbetaald; facturen en betalingen van gasten. "
          "Kalendersynchronisatie, reserveringen, één, geïnstalleerd.",
    "da": "Annullerede bookinger bliver refunderet; fakturaer og betalinger fra gæsterne. "
          "Kalendersynkronisering, overnatninger, større, på.",
    "sv": "Avbokade bokningar återbetalas; fakturor och betalningar från gästerna. "
          "Kalendersynkronisering, övernattningar, större, på.",
    "no": "Avbestilte bestillinger blir refundert; fakturaer og betalinger fra gjestene. "
          "Kalendersynkronisering, overnattinger, større, på.",
    "fi": "Peruutetut varaukset hyvitetään; laskut ja maksut vierailta. "
          "Kalenterien synkronointi, majoitukset, äänestys, yöpyminen.",
    "ru": "Отменённые бронирования возвращаются; счета и платежи гостей. "
          "Синхронизация календарей, всё ещё работает, Ёлка, объявления.",
    "ro": "Rezervările anulate sunt rambursate; facturile și plățile oaspeților. "
          "Sincronizarea calendarelor, înregistrare, țară, şi.",
    "hu": "A lemondott foglalásokat visszatérítjük; a számlák és a vendégek fizetései. "
          "Naptárszinkronizálás, szállások, előfizetés, különböző.",
    "tr": "İptal edilen rezervasyonlar iade edilir; misafirlerin faturaları ve ödemeleri. "
          "Takvim senkronizasyonu, konaklamalar, IŞIK, ışık, İstanbul'da.",
    "ar": "تُعاد الحجوزات الملغاة؛ فواتير الضيوف ومدفوعاتهم. مزامنة التقويمات، والمكتبات، "
          "أستطيع استرداد المبلغ إلى البطاقة.",
}


def lunr_terms(texts: dict[str, str]) -> dict[str, list[str]]:
    """lunr.js with lunr-languages: each text through the language's own index pipeline."""
    script = """
      const lunr = require('lunr'); require('lunr-languages/lunr.stemmer.support.js')(lunr);
      const texts = JSON.parse(require('fs').readFileSync(0, 'utf8')); const out = {};
      for (const [code, text] of Object.entries(texts)) {
        require(`lunr-languages/lunr.${code}.js`)(lunr);
        const builder = new lunr.Builder(); lunr[code].call(builder);
        const notALetter = new RegExp('[^' + lunr[code].wordCharacters + ']+');
        const words = text.normalize('NFC').toLowerCase().split(notALetter).filter(Boolean);
        const tokens = words.map((w) => new lunr.Token(w));
        out[code] = builder.pipeline.run(tokens).map(String).filter(Boolean);
      }
      console.log(JSON.stringify(out));"""
    done = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    return json.loads(done.stdout)


def test_every_snowball_language_indexes_the_terms_lunr_js_makes() -> None:
    expected = lunr_terms(TEXTS)
    for code, text in TEXTS.items():
        assert language(code).terms(text) == expected[code], code
        assert len(expected[code]) >= 8, code


def test_regional_tags_use_their_language() -> None:
    assert language("pt-BR").code == "pt" and language("fr_CA").code == "fr" and language("de-AT").analyzed
    assert language("pt-BR").scripts == ("lunr.stemmer.support.min.js", "lunr.pt.min.js")
    for code in TEXTS:
        assert (ROOT / "overrides/assets/helpcenter/vendor" / f"lunr.{code}.min.js").is_file(), code


def test_the_language_data_is_lunr_languages_own(tmp_path: Path) -> None:
    """lunr_languages.json is what scripts/lunr_languages.mjs reads from the installed
    lunr-languages (npm run languages writes it)."""
    fresh = tmp_path / "lunr_languages.json"
    subprocess.run(["node", str(ROOT / "scripts/lunr_languages.mjs"), str(fresh)], cwd=ROOT, capture_output=True,
                   timeout=60, check=True)
    assert json.loads(fresh.read_text(encoding="utf-8")) == json.loads(DATA.read_text(encoding="utf-8"))


def arabic_words() -> list[str]:
    """Words built the way Arabic builds them: roots in patterns, with prefixes and suffixes
    (every branch of lunr.ar.js' stemmer: its 4- to 7-letter patterns, prefixes of 1 to 4
    letters, suffixes of 1 to 4), plus hamza, alef and taa marbuta variants and diacritics."""
    roots = ["كتب", "درس", "علم", "سفر", "حجز", "دفع", "رجع", "سال", "قرا", "وصل"]
    forms = ["{0}{1}{2}", "{0}ا{1}{2}", "م{0}{1}و{2}", "{0}{1}ا{2}", "{0}{1}ي{2}", "م{0}{1}{2}", "ا{0}ت{1}{2}",
             "است{0}{1}{2}", "ت{0}{1}ي{2}", "م{0}{1}ا{2}", "ان{0}{1}{2}", "{0}و{1}{2}", "ت{0}ا{1}{2}", "مست{0}{1}{2}"]
    prefixes = ["", "ال", "وال", "بال", "فال", "كال", "ولل", "فبال", "وبال", "و", "ف", "ب", "ل", "س", "ي", "ت"]
    suffixes = ["", "ة", "ات", "ون", "ين", "ها", "هم", "كم", "نا", "تين", "كهم", "كموه", "ناها", "ي", "ه", "ك", "ا"]
    words = [p + f.format(*r) + s for r in roots for f in forms for p in prefixes for s in suffixes]
    return [*words, "أستطيع", "إلى", "آخر", "مسؤول", "رئيس", "مكتبةٌ", "ووصل", "كتـــاب", "مدرسة", "والمكتبات"]


def test_arabic_stems_are_lunr_ar_js_stems() -> None:
    words = arabic_words()
    script = """
      const lunr = require('lunr'); require('lunr-languages/lunr.stemmer.support.js')(lunr);
      require('lunr-languages/lunr.ar.js')(lunr);
      const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      console.log(JSON.stringify(words.map((w) => lunr.ar.stemmer(new lunr.Token(w)).toString())));"""
    done = subprocess.run(["node", "-e", script], input=json.dumps(words), capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    stemmer = language("ar").pipeline[-1]
    from lunr.token import Token

    ours = [str(stemmer(Token(word))) for word in words]
    different = [(w, a, b) for w, a, b in zip(words, ours, json.loads(done.stdout), strict=True) if a != b]
    assert len(words) > 30000 and different[:20] == []
