/*
 * The merge page (templates/admin/recommendations/article/merge.html): writing in a text's box picks
 * "keep this text, edited"; picking their version or yours first puts that text in the box, to edit
 * from, unless something has been written there already. Without JavaScript each choice works as is.
 */
'use strict';
{
    function setUp() {
        for (const choice of document.querySelectorAll('.merge-choice')) {
            const box = choice.querySelector('textarea');
            if (!box) {
                continue;
            }
            const edited = choice.querySelector('input[value="edited"]');
            let written = false;
            box.addEventListener('input', () => {
                written = true;
                edited.checked = true;
            });
            for (const side of choice.querySelectorAll('.merge-side')) {
                side.querySelector('input').addEventListener('change', () => {
                    if (!written) {
                        box.value = side.querySelector('[data-merge-text]').textContent;
                    }
                });
            }
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', setUp);
    } else {
        setUp();
    }
}
