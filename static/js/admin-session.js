// The warning before an admin session times out (WCAG 2.2.1). The page says how many
// seconds are left of the idle and the absolute limit; a little before the nearer one
// the live region tells the person, and "Förläng" (an ordinary form, so it also works
// without this script) renews the idle limit without leaving the page, so nothing typed
// is lost. Focus goes back to where the person was.
'use strict';
{
    const box = document.getElementById('session-warning');
    if (box) {
        const text = document.getElementById('session-warning-text');
        const form = box.querySelector('form');
        const warn = Number(box.dataset.warnSeconds) * 1000;
        let lastFocus = null;
        let timer = null;

        const clock = (ms) => new Date(Date.now() + ms).toLocaleTimeString(
            'sv-SE', {hour: '2-digit', minute: '2-digit'});

        const open = (message, canExtend) => {
            box.classList.add('is-open');
            form.hidden = !canExtend;
            text.textContent = message;
        };

        const schedule = (idleSeconds, absoluteSeconds) => {
            clearTimeout(timer);
            const idle = idleSeconds * 1000;
            const absolute = absoluteSeconds * 1000;
            const idleFirst = idle <= absolute;
            const left = Math.min(idle, absolute);
            timer = setTimeout(() => {
                if (idleFirst) {
                    open('Du loggas ut kl. ' + clock(Math.min(warn, left)) + ' om du inte gör något ' +
                         'innan dess. Det du har skrivit men inte sparat försvinner då. ' +
                         'Välj ”Förläng” för att fortsätta.', true);
                } else {
                    open('Du loggas ut kl. ' + clock(Math.min(warn, left)) + ', när du har varit ' +
                         'inloggad så länge som det är tillåtet. Spara det du har skrivit innan dess.',
                         false);
                }
            }, Math.max(left - warn, 0));
        };

        document.addEventListener('focusin', (event) => {
            if (!box.contains(event.target)) {
                lastFocus = event.target;
            }
        });

        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            let data = null;
            try {
                const response = await fetch(form.action, {
                    method: 'POST',
                    body: new FormData(form),
                    headers: {'Accept': 'application/json'},
                    credentials: 'same-origin',
                });
                data = response.ok ? await response.json() : null;
            } catch (error) {
                data = null;
            }
            if (data === null) {
                open('Det gick inte att förlänga. Du kan ha loggats ut; spara det du har ' +
                     'skrivit någon annanstans och logga in igen.', false);
                return;
            }
            form.hidden = true;
            text.textContent = 'Förlängt. Du är inloggad till kl. ' +
                clock(Math.min(data.idle_seconds, data.absolute_seconds) * 1000) +
                ' om du inte gör något.';
            schedule(data.idle_seconds, data.absolute_seconds);
            if (lastFocus && document.contains(lastFocus)) {
                lastFocus.focus();
            }
        });

        schedule(Number(box.dataset.idleSeconds), Number(box.dataset.absoluteSeconds));
    }
}
