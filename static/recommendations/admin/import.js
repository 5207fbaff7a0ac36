'use strict';
// The import page (templates/admin/recommendations/article/import_article.html).
//
// A rich paste: text pasted from a web page or a word processor also carries its HTML, with the
// headings, bold lines and lists the importer reads as structure. The paste's HTML goes into the
// hidden "html" field, and the plain text into the box as usual; editing the text afterwards
// makes the box the article again. Without JavaScript the plain text is read, as pasted.
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
});
