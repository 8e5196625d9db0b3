// admin.test.cjs — issue 11, the administrator's "Users" page: a notice
// after adding a user; one's own account is never offered for locking; a
// lock asks first and can be undone at once; a role (and office) changed and
// a password set on the web; errors in the page's words ("--office CODE"
// never); axe-core on the page and the confirmation, Spanish and English.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

async function submit(page, loc) {
	await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), loc.click()]);
	await page.waitForLoadState();
}

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	const notice = () => page.locator('main .notice').first().textContent();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-admin');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.locator('form.login button').click()]);
		await page.goto(`${BASE}/admin/users?lang=en`);
		const own = page.locator('tbody tr', { hasText: 'demo-admin' });
		check(await own.locator('button').count() === 0 && /\(you\)/.test(await own.textContent()),
			'one\'s own account offers no lock');
		await axe(page, 'the users page (English)');

		// add: a notice says so
		await page.locator('#name').fill('e2e-clerk');
		await page.locator('#role').selectOption('analyst');
		await page.locator('#password').fill('a-long-enough-pw');
		await submit(page, page.getByRole('button', { name: 'Add', exact: true }));
		check(/User 'e2e-clerk' added/.test(await notice()), 'a notice after adding a user');

		// a prosecutor without an office: said in the page's words
		await page.locator('#role-user').selectOption('e2e-clerk');
		await page.locator('#role-role').selectOption('prosecutor');
		await submit(page, page.locator('#change-role'));
		const err = await page.locator('main [role=alert]').textContent();
		check(/need an office/.test(err) && !/--office/.test(err), `a missing office in the page's words (${err})`);
		await page.locator('#role-user').selectOption('e2e-clerk');
		await page.locator('#role-role').selectOption('auditor');
		await submit(page, page.locator('#change-role'));
		check(/new role/.test(await notice()), 'a role changed on the web');
		check(/Auditor/.test(await page.locator('tbody tr', { hasText: 'e2e-clerk' }).textContent()),
			'and listed');

		// a new password
		await page.locator('#pw-user').selectOption('e2e-clerk');
		await page.locator('#pw-new').fill('another-long-pw');
		await submit(page, page.locator('#set-password'));
		check(/new password/.test(await notice()), 'a password set on the web');

		// a lock asks first, then can be undone
		const row = page.locator('tbody tr', { hasText: 'e2e-clerk' });
		await submit(page, row.getByRole('button', { name: 'Lock e2e-clerk' }));
		check(/Lock 'e2e-clerk'\?/.test(await page.locator('main').textContent()), 'a lock asks for confirmation');
		check(/active/.test(await (async () => { const p2 = await ctx.newPage();
			await p2.goto(`${BASE}/admin/users?lang=en`);
			const t = await p2.locator('tbody tr', { hasText: 'e2e-clerk' }).textContent();
			await p2.close(); return t; })()), 'nothing is locked before the confirmation');
		await axe(page, 'the lock confirmation (English)');
		await Promise.all([page.waitForURL(/locked=e2e-clerk/), page.locator('#confirm').click()]);
		check(/is locked/.test(await notice()), 'a notice says the user is locked');
		check(/locked/.test(await row.textContent()), 'and the list shows it');
		await Promise.all([page.waitForURL(/unlocked=e2e-clerk/), page.locator('#undo').click()]);
		check(/unlocked/.test(await notice()) && /active/.test(await row.textContent()), 'the undo unlocks at once');

		await page.goto(`${BASE}/admin/users?lang=es`);
		await axe(page, 'the users page (Spanish)');
		await submit(page, row.getByRole('button', { name: 'Bloquear a e2e-clerk' }));
		await axe(page, 'the lock confirmation (Spanish)');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
