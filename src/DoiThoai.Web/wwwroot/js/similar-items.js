// Progressive enhancement of the item form: while the text is typed, ask the page for the list of
// earlier similar items (the same list the "find similar" button shows) and put it in place.
// Without this file the button does the same by re-rendering the form.
(function () {
    "use strict";
    var list = document.getElementById("similar-items");
    var button = document.querySelector("button[formaction*='handler=Similar']");
    var text = document.querySelector("textarea[name='Input.Text']");
    if (!list || !button || !text || !window.fetch || !window.FormData) return;
    var form = text.form;
    var timer = null;
    var lastSent = "";
    var pending = null;

    function refresh() {
        var value = text.value.trim();
        if (value.length < 20 || value === lastSent) return;
        lastSent = value;
        if (pending) pending.abort();
        pending = window.AbortController ? new AbortController() : null;
        fetch(button.getAttribute("formaction"), {
            method: "POST",
            body: new FormData(form),
            headers: { "X-Similar-List": "1" },
            credentials: "same-origin",
            signal: pending ? pending.signal : undefined
        }).then(function (response) {
            return response.ok ? response.text() : null;
        }).then(function (html) {
            if (html === null) return;
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var fresh = holder.querySelector("#similar-items");
            if (fresh) list.innerHTML = fresh.innerHTML;
        }).catch(function () { /* the button still works */ });
    }

    text.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 600);
    });
})();
