/*
 * "Copy link" beside the share link (templates/admin/recommendations/article/share_link.html).
 * The button is hidden in the markup and shown here: without JavaScript the link is there to select
 * and copy, and to open.
 */
'use strict';
{
    function copied(status, text) {
        if (status) {
            status.textContent = text;
        }
    }

    function setUp() {
        for (const button of document.querySelectorAll('[data-copy-from]')) {
            const source = document.getElementById(button.dataset.copyFrom);
            const status = document.getElementById(button.dataset.copiedStatus);
            if (!source) {
                continue;
            }
            button.hidden = false;
            button.addEventListener('click', () => {
                const done = () => copied(status, 'Link copied. Paste it into your message to the reviewer.');
                const failed = () => {
                    source.select();
                    copied(status, 'Your browser would not copy it: the link is selected, press Ctrl+C (⌘C on a Mac).');
                };
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(source.value).then(done, failed);
                } else {
                    failed();
                }
            });
        }
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', setUp);
    } else {
        setUp();
    }
}
