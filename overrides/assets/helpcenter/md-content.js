// Material for MkDocs' inline content script, as a file for the CSP: a link to a tab opens it.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
