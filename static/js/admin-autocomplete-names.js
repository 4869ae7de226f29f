// The admin's autocomplete (select2) draws a read-only text box that has a name only
// once something is chosen; give it its field's label so screen readers (and axe) can
// name it while it is empty. select2 draws its boxes after jQuery's (asynchronous)
// ready, so new boxes are named as they appear. Loaded by
// followup.forms.PlaceholderAutocomplete.
'use strict';
(function () {
    function nameBoxes() {
        document.querySelectorAll('.select2-selection__rendered[role="textbox"]:not([aria-label])').forEach(function (box) {
            var id = box.id.replace(/^select2-/, '').replace(/-container$/, '');
            var label = document.querySelector('label[for="' + id + '"]');
            if (label) {
                box.setAttribute('aria-label', label.textContent.replace(/:\s*$/, '').trim());
            }
        });
    }
    document.addEventListener('DOMContentLoaded', function () {
        nameBoxes();
        new MutationObserver(nameBoxes).observe(document.body, {childList: true, subtree: true});
    });
})();
