/* Búsqueda y filtros de la tabla de iniciativas (mejora progresiva: sin JavaScript, la tabla se lee
   completa y el formulario queda oculto). Con la tabla en varias páginas, la primera búsqueda carga
   indice.js (todas las iniciativas, de la misma carpeta) y busca en todas. No pide nada a la red. */
(function () {
  "use strict";
  var form = document.getElementById("filtros");
  var tabla = document.getElementById("tabla-iniciativas");
  if (!form || !tabla || !tabla.tBodies.length) { return; }
  var cuerpo = tabla.tBodies[0];
  var texto = document.getElementById("f-texto");
  var gerencia = document.getElementById("f-gerencia");
  var valor = document.getElementById("f-valor");
  var situacion = document.getElementById("f-situacion");
  var resultado = document.getElementById("f-resultado");
  var paginacion = document.getElementById("paginacion");
  var indice = form.getAttribute("data-indice");
  var todas = null;
  var clavesTodas = null;
  var cargando = false;
  var MAXIMO = 500;
  var originales = Array.prototype.slice.call(cuerpo.rows);
  var etiquetas = Array.prototype.map.call(tabla.tHead.rows[0].cells, function (c) { return c.textContent; });

  function normal(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var claves = originales.map(function (fila) {
    return normal(fila.cells[0].textContent + " " + fila.cells[1].textContent + " " + fila.cells[2].textContent);
  });

  function cargarIndice() {
    cargando = true;
    resultado.textContent = "Cargando todas las iniciativas…";
    var script = document.createElement("script");
    script.src = indice;
    script.onload = function () {
      todas = window.INICIATIVAS || [];
      clavesTodas = todas.map(function (r) { return normal(r[0] + " " + r[4] + " " + r[3]); });
      aplicar();
    };
    script.onerror = function () { resultado.textContent = "No se pudo cargar " + indice + "."; };
    document.body.appendChild(script);
  }

  function coincide(clave, codGerencia, valores, sit, q) {
    if (q.length && !q.every(function (p) { return clave.indexOf(p) !== -1; })) { return false; }
    if (gerencia.value && codGerencia !== gerencia.value) { return false; }
    if (valor.value && (" " + valores + " ").indexOf(" " + valor.value + " ") === -1) { return false; }
    if (situacion.value && sit !== situacion.value) { return false; }
    return true;
  }

  function celda(fila, etiqueta, contenido, clase) {
    var td = document.createElement("td");
    td.setAttribute("data-etiqueta", etiqueta);
    if (clase) { td.className = clase; }
    if (contenido instanceof Node) { td.appendChild(contenido); } else { td.textContent = contenido; }
    fila.appendChild(td);
  }

  function filaDe(r) {
    // r: [código, enlace, código de gerencia, gerencia, nombre, valores, texto de valores, situación,
    //     [decisión, texto] × 3, puntaje, puesto]
    var tr = document.createElement("tr");
    var a = document.createElement("a");
    a.href = r[1];
    a.textContent = r[0];
    celda(tr, etiquetas[0], a);
    celda(tr, etiquetas[1], r[4]);
    celda(tr, etiquetas[2], r[3]);
    celda(tr, etiquetas[3], r[6]);
    for (var k = 0; k < 3; k++) {
      var s = document.createElement("span");
      s.className = "marca-" + r[8 + 2 * k];
      s.textContent = r[9 + 2 * k];
      celda(tr, etiquetas[4 + k], s);
    }
    celda(tr, etiquetas[7], r[14], "num");
    celda(tr, etiquetas[8], r[15], "num");
    return tr;
  }

  var ultimo = null;

  function aplicar() {
    var q = normal(texto.value).split(/\s+/).filter(function (p) { return p.length > 0; });
    var activo = q.length || gerencia.value || valor.value || situacion.value;
    if (indice && activo && !todas) {
      if (!cargando) { cargarIndice(); }
      return;
    }
    var estado = [q.join(" "), gerencia.value, valor.value, situacion.value].join("|");
    if (estado === ultimo) { return; }   // «change» al salir del campo no rehace la tabla (ni un clic en curso)
    ultimo = estado;
    var n = 0;
    if (indice) {
      while (cuerpo.firstChild) { cuerpo.removeChild(cuerpo.firstChild); }
      if (!activo || !todas) {
        originales.forEach(function (f) { cuerpo.appendChild(f); });
        if (paginacion) { paginacion.hidden = false; }
        resultado.textContent = "";
        return;
      }
      var mostradas = 0;
      for (var i = 0; i < todas.length; i++) {
        var r = todas[i];
        if (coincide(clavesTodas[i], r[2], r[5], r[7], q)) {
          n++;
          if (mostradas < MAXIMO) { cuerpo.appendChild(filaDe(r)); mostradas++; }
        }
      }
      if (paginacion) { paginacion.hidden = true; }
      resultado.textContent = n + " de " + todas.length + " iniciativas" +
        (n > MAXIMO ? " (se muestran las primeras " + MAXIMO + "; afine la búsqueda)" : "") + ".";
      return;
    }
    originales.forEach(function (fila, j) {
      var ok = coincide(claves[j], fila.getAttribute("data-gerencia"), fila.getAttribute("data-valores"),
                        fila.getAttribute("data-situacion"), q);
      fila.hidden = !ok;
      if (ok) { n++; }
    });
    resultado.textContent = activo ? n + " de " + originales.length + " iniciativas." : "";
  }

  form.hidden = false;
  form.addEventListener("input", aplicar);
  form.addEventListener("change", aplicar);
  form.addEventListener("submit", function (e) { e.preventDefault(); aplicar(); });
  form.addEventListener("reset", function () { window.setTimeout(aplicar, 0); });
})();
