// audit.test.cjs — issue 11, the audit trail in the browser: times in the
// register's zone (America/Lima), actions in words, details as fields, the
// filters (user, action, case, dates) kept from page to page, older
// entries a page at a time, the CSV of what is shown; axe-core in Spanish
// and English. Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-auditor');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.locator('form.login button').click()]);
		await page.goto(`${BASE}/audit?lang=en`);
		check(/When \(America\/Lima\)/.test(await page.locator('table.audit thead').textContent()),
			'times are said to be in America/Lima');
		const when = await page.locator('table.audit tbody time').first().getAttribute('datetime');
		check(/-0500$/.test(when), `the newest entry at Lima's offset (${when})`);
		const body = await page.locator('table.audit tbody').textContent();
		check(!/[{}]/.test(body), 'no JSON in the table');
		check(await page.locator('table.audit tbody tr').count() === 50, 'one page of 50 entries');
		await axe(page, 'the audit trail (English)');

		// a filter by action, by its words; the older page keeps it
		await page.getByLabel('Action').selectOption({ label: 'Office managed' });
		await Promise.all([page.waitForURL(/action=office\.manage/), page.getByRole('button', { name: 'Filter' }).click()]);
		const acts = await page.locator('table.audit tbody td:nth-child(4)').allTextContents();
		check(acts.length > 0 && acts.every((a) => a === 'Office managed'), `only that action (${acts.length} rows)`);
		check(await page.getByLabel('Action').inputValue() === 'office.manage', 'the filter stays chosen');
		const csv = await page.locator('a.csv').getAttribute('href');
		check(/^\/audit\.csv\?action=office\.manage/.test(csv), `the CSV link carries the filter (${csv})`);
		const res = await page.request.get(`${BASE}${csv}`);
		const lines = (await res.text()).trim().split('\n');
		check(res.status() === 200 && lines.length - 1 === acts.length, `the CSV holds the same entries (${lines.length - 1})`);

		// no match: said so, in Spanish too
		await page.goto(`${BASE}/audit?user=nobody-at-all&lang=es`);
		check(/Ninguna entrada/.test(await page.locator('main p.empty').textContent()), 'an empty filter is said so (Spanish)');
		await page.goto(`${BASE}/audit?lang=es`);
		check(/Cuándo \(America\/Lima\)/.test(await page.locator('table.audit thead').textContent()), 'the page in Spanish');
		await axe(page, 'the audit trail (Spanish)');
		await page.locator('a[rel=next]').click();
		await page.waitForURL(/before=\d+/);
		check(await page.locator('table.audit tbody tr').count() > 0, 'older entries, a page at a time');
		await axe(page, 'an older page of the audit trail (Spanish)');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
