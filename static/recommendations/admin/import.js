'use strict';
// The import page (templates/admin/recommendations/article/import_article.html).
//
// A rich paste: text pasted from a web page or a word processor also carries its HTML, with the
// headings, bold lines and lists the importer reads as structure. The paste's HTML goes into the
// hidden "html" field, and the plain text into the box as usual; editing the text afterwards
// makes the box the article again. Without JavaScript the plain text is read, as pasted.
//
// The film pickers (select2) are named by their label, which select2 leaves out.
//
// Loaded in the page's <head> with the admin's form scripts: it waits for the page.
document.addEventListener('DOMContentLoaded', () => {
    const text = document.getElementById('id_text');
    const html = document.getElementById('id_html');
    const note = document.getElementById('rich-paste-note');
    const said = document.getElementById('rich-paste-said');
    const plain = document.getElementById('plain-paste');

    function readPlain(message) {
        html.value = '';
        if (message) {
            said.textContent = message;
            plain.hidden = true;
        } else {
            note.hidden = true;
        }
    }

    if (text && html && note) {
        text.addEventListener('paste', (event) => {
            const pasted = event.clipboardData ? event.clipboardData.getData('text/html') : '';
            const whole = text.value.trim() === '' || (text.selectionStart === 0 && text.selectionEnd === text.value.length);
            // HTML pasted into the middle of other text is only part of the article: the text is read as it is.
            if (pasted && whole) {
                html.value = pasted;
                said.textContent = 'Read from the formatting you pasted: its headings, bold lines and lists.';
                plain.hidden = false;
                note.hidden = false;
            } else if (html.value) {
                readPlain('You pasted into the text: it is read as plain text now.');
            }
        });
        text.addEventListener('input', (event) => {
            if (event.inputType !== 'insertFromPaste' && html.value) {
                readPlain('You edited the text: it is read as plain text now.');
            }
        });
        plain.addEventListener('click', () => readPlain('It is read as plain text.'));
    }

    function name(select) {
        const box = select.nextElementSibling && select.nextElementSibling.querySelector('.select2-selection');
        if (!box) {
            return;
        }
        let label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        if (!label && select.getAttribute('aria-label')) {
            label = document.createElement('span');
            label.className = 'visually-hidden';
            label.textContent = select.getAttribute('aria-label');
            select.nextElementSibling.append(label);
        }
        if (!label) {
            return;
        }
        label.id = label.id || `${select.id}-name`;
        const picked = box.querySelector('.select2-selection__rendered');
        box.setAttribute('aria-labelledby', picked ? `${label.id} ${picked.id}` : label.id);
        if (picked) {
            picked.setAttribute('aria-labelledby', label.id);
        }
    }

    // The admin's autocomplete.js makes the boxes when the page is ready, after this script's turn: the
    // names are given once every handler of that moment has run.
    setTimeout(() => document.querySelectorAll('select.admin-autocomplete').forEach(name), 0);
});
