// dedup.test.cjs — the review queue of persons registered twice (issue 12):
// the demo's planted duplicates are listed by masked names (never in clear),
// with a case of each and how each field agreed; "Same person: merge" makes
// one person and offers the undo, "Undo this merge" gives the pair back,
// "Two persons" takes the pair out of the queue for good; axe-core at WCAG
// 2.1 AA on the queue and after a merge, in English and Spanish.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

async function signIn(page) {
	await page.goto(`${BASE}/login?lang=en`);
	await page.locator('#username').fill('demo-prosecutor');
	await page.locator('#password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases)?$/), page.locator('form.login button').click()]);
}

(async () => {
	const browser = await launch();
	try {
		// a scripted context for axe (the pages' CSP allows no inline script)
		const ctx = await browser.newContext({ bypassCSP: true });
		const page = await ctx.newPage();
		await signIn(page);
		await page.getByRole('link', { name: 'Duplicates' }).click();
		await page.waitForURL(/\/dedup/);
		const rows = page.locator('table.dedup tbody tr');
		const n = await rows.count();
		check(n >= 1, `the demo's planted duplicates are listed (${n} pairs)`);
		const names = await page.locator('table.dedup td.masked').allTextContents();
		check(names.length === 2 * n && names.every((s) => /\*/.test(s) || /protected/.test(s)),
			`every name masked (${names.slice(0, 2).join(', ')})`);
		check(/DEMO-\d{4}-\d{6}/.test(await rows.first().textContent()), 'each pair shows its cases');
		check(/name: exact|name: near|name: close|name: weak/.test(await rows.first().textContent()),
			'and how each field agreed');
		await axe(page, 'the dedup queue (English)');
		await page.goto(`${BASE}/dedup?lang=es`);
		check(/Personas registradas dos veces/.test(await page.locator('h1').textContent()), 'the queue in Spanish');
		await axe(page, 'the dedup queue (Spanish)');
		await page.goto(`${BASE}/dedup?lang=en`);

		// the last pair is the same person: merge, then undo
		const last = rows.nth(n - 1);
		await Promise.all([page.waitForURL(/\/dedup\?kept=\d+&merged=\d+$/),
			last.getByRole('button', { name: 'Same person: merge' }).click()]);
		check(/now one person/.test(await page.getByRole('status').first().textContent()),
			'the merge is said');
		check(!/[A-Za-zÁÉÍÓÚáéíóúñÑ]{2,}/.test(new URL(page.url()).search.replace(/kept|merged/g, '')),
			'the address holds ids only');
		await axe(page, 'the queue after a merge');
		await Promise.all([page.waitForURL(/\/dedup\?done=unmerged$/),
			page.getByRole('button', { name: 'Undo this merge' }).click()]);
		check(await rows.count() === n, `the undo gives the pair back (${await rows.count()} pairs)`);

		// the first pair is two persons: not proposed again
		const first = await rows.first().locator('input[name=a]').first().getAttribute('value');
		const firstB = await rows.first().locator('input[name=b]').first().getAttribute('value');
		await Promise.all([page.waitForURL(/\/dedup\?done=rejected$/),
			rows.first().getByRole('button', { name: 'Two persons' }).click()]);
		check(/not be proposed again/.test(await page.getByRole('status').first().textContent()),
			'the rejection is said');
		const still = await page.locator(`table.dedup input[name=a][value="${first}"] ~ input[name=b][value="${firstB}"]`).count();
		check(still === 0 && await rows.count() === n - 1, 'the rejected pair is gone from the queue');
		await ctx.close();
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
