// The query form of kamerld's SPARQL endpoint: the bundled YASGUI, pointed at this endpoint.
// Nothing is fetched from another site: the prefixes come from this server, and the class and
// property completers (which ask Linked Open Vocabularies over the internet) are off.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var plain = document.getElementById("plain");
  if (!root || typeof Yasgui === "undefined") {
    return; // no script: the plain form below does the work
  }
  var endpoint = root.getAttribute("data-endpoint") || location.origin + location.pathname;
  var completers = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.autocompleters = completers.slice();
  Yasgui.defaults.yasqe.autocompleters = completers.slice();
  Yasgui.Yasqe.defaults.prefixCcApi = root.getAttribute("data-prefixes");
  Yasgui.defaults.yasqe.prefixCcApi = root.getAttribute("data-prefixes");
  Yasgui.Yasqe.defaults.value = document.getElementById("query").value;
  Yasgui.defaults.yasqe.value = Yasgui.Yasqe.defaults.value;
  plain.hidden = true;
  window.yasgui = new Yasgui(root, {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
      acceptHeaderGraph: "text/turtle,*/*;q=0.9"
    },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: []
    },
    persistenceId: "kamerld-sparql"
  });
})();
