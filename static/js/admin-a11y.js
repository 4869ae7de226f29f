// Small repairs to Django's admin widgets for screen readers and keyboards (WCAG 4.1.2,
// 3.3.1). External file: the CSP forbids inline scripts.
'use strict';
window.addEventListener('load', () => {
    // The error summary takes focus, so its heading and links are read first.
    const summary = document.querySelector('.error-summary');
    if (summary && !summary.contains(document.activeElement)) {
        summary.focus();
    }

    // select2's combobox is named by its label and its value, not by its value alone,
    // and the search box in its list by what it searches.
    const labelFor = (select) => document.querySelector('label[for="' + select.id + '"]');
    const nameComboboxes = () => {
        for (const select of document.querySelectorAll('select.admin-autocomplete')) {
            const label = labelFor(select);
            const container = select.nextElementSibling;
            const combobox = container && container.querySelector('.select2-selection');
            if (!label || !combobox) {
                continue;
            }
            label.id = label.id || select.id + '_label';
            const value = container.querySelector('.select2-selection__rendered');
            combobox.setAttribute('aria-labelledby', value ? label.id + ' ' + value.id : label.id);
            if (value) {
                // select2 gives the value a textbox role, unnamed while it is empty.
                value.setAttribute('aria-labelledby', label.id);
            }
        }
    };
    if (window.django && window.django.jQuery) {
        // After Django's autocomplete.js, whose jQuery ready handler makes the comboboxes
        // (jQuery runs ready handlers in order, possibly after "load").
        window.django.jQuery(nameComboboxes);
        window.django.jQuery(document).on('select2:open', (event) => {
            const label = labelFor(event.target);
            const search = document.querySelector('.select2-container--open .select2-search__field');
            if (label && search) {
                const noun = label.textContent.replace(/:\s*$/, '').trim().toLowerCase();
                search.setAttribute('aria-label', 'Sök ' + noun);
            }
        });
    }

    // A row added with "Lägg till ytterligare" is a copy of the empty form, named like
    // "Aktivitet (ny)": number it (and its controls) by its position, as saved rows are,
    // and again when an added row is removed.
    const numberNewRows = (group) => {
        const rows = Array.from(group.querySelectorAll('.inline-related:not(.empty-form)'));
        rows.forEach((row, index) => {
            const named = [row, ...row.querySelectorAll('[aria-label]')];
            const headings = Array.from(row.querySelectorAll('.inline_label'));
            for (const element of [...named, ...headings]) {
                const isHeading = headings.includes(element);
                const current = isHeading ? element.textContent : element.getAttribute('aria-label');
                const template = element.dataset.newName || (current.includes('(ny)') ? current : '');
                if (!template) {
                    continue;
                }
                element.dataset.newName = template;
                const name = template.replace(' (ny)', ' ' + (index + 1) + ' (ny)');
                if (isHeading) {
                    element.textContent = name;
                } else {
                    element.setAttribute('aria-label', name);
                }
            }
        });
    };
    document.addEventListener('formset:added', (event) => {
        const group = event.target.closest('.js-inline-admin-formset');
        if (group) {
            numberNewRows(group);
        }
    });
    document.addEventListener('formset:removed', (event) => {
        const name = event.detail && event.detail.formsetName;
        const group = name && document.getElementById(name + '-group');
        if (group) {
            numberNewRows(group);
        }
    });
});
