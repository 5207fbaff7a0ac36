/*
 * The summary at the top of a list's form of what stops it being saved
 * (templates/admin/recommendations/article/error_summary.html).
 *
 * The page opens with the focus on it, so the keyboard starts there and a screen reader reads it.
 * Each link goes to its field: a folded entry opens first (entry_rows.js listens for "entry:open"),
 * and a picker's box takes the focus for the hidden <select> it stands for.
 */
'use strict';
{
    function goTo(field) {
        const row = field.closest('.inline-related');
        if (row) {
            row.dispatchEvent(new CustomEvent('entry:open', {bubbles: true}));
        }
        const picker = field.classList.contains('select2-hidden-accessible') && field.nextElementSibling;
        const target = (picker && picker.querySelector('.select2-selection, .select2-search__field')) || field;
        target.scrollIntoView({block: 'center'});
        target.focus({preventScroll: true});
    }

    function init() {
        const summary = document.getElementById('error-summary');
        if (!summary) {
            return;
        }
        summary.focus();
        summary.addEventListener('click', (event) => {
            const link = event.target.closest('a[href^="#"]');
            const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
            if (field) {
                event.preventDefault();
                goTo(field);
            }
        });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
}
