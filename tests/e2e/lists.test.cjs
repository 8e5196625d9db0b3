// lists.test.cjs — issue 11 in the browser: lists that keep their filters,
// the office filter, page numbers; the language link and reloads keep the
// page (a revealed case too); a deep link survives signing in, an outside
// address does not; the sign-in error in the page's language; no sideways
// scroll at 390 px; axe-core finds no WCAG 2.1 AA violation on any page, in
// Spanish and English. Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

async function signIn(page, user, lang = 'en') {
	await page.goto(`${BASE}/login?lang=${lang}`);
	await page.locator('#username').fill(user);
	await page.locator('#password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.locator('form.login button').click()]);
}

// axe-core in the page (the context bypasses the CSP only to inject it)

async function noSidewaysScroll(page, what) {
	const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth,
		document.documentElement.clientWidth]);
	check(sw <= cw, `no sideways scroll at 390 px on ${what} (${sw} <= ${cw})`);
}

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		// a deep link before signing in comes back after it
		await page.goto(`${BASE}/cases?per=10&sort=number&lang=en`);
		check(/\/login\?next=/.test(page.url()), 'a deep link leads to the sign-in page');
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill('wrong password');
		await Promise.all([page.waitForLoadState(), page.locator('form.login button').click()]);
		check(/wrong/.test(await page.locator('[role=alert]').textContent()), 'a wrong password is said in English');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/cases\?/), page.locator('form.login button').click()]);
		check(page.url().endsWith('/cases?per=10&sort=number'), 'and signing in returns to the page asked for');
		await axe(page, 'the case list (English)');

		// paging keeps every filter; page numbers; the count
		const count = await page.locator('p.count').textContent();
		check(/^\d+ cases; cases 1 to 10 shown\.$/.test(count), `the list says how many (${count})`);
		const first = await page.locator('table.cases tbody tr td:first-child').allTextContents();
		check(first.length === 10 && first.join() === [...first].sort().join(), 'sorted by case number, 10 a page');
		await Promise.all([page.waitForLoadState(), page.locator('nav.pager a[rel=next]').click()]);
		const u2 = new URL(page.url());
		check(u2.searchParams.get('page') === '2' && u2.searchParams.get('sort') === 'number' &&
			u2.searchParams.get('per') === '10', 'the next page keeps the order and the page size');
		check(await page.locator('nav.pager a[aria-current=page]').textContent() === '2', 'page 2 is marked current');
		const second = await page.locator('table.cases tbody tr td:first-child').allTextContents();
		check(second.length > 0 && second[0] > first[9], 'page 2 goes on where page 1 ended');
		// a stage filter, then paging: still filtered
		const stage = await page.locator('table.cases tbody tr td:nth-child(5)').first().textContent();
		await page.goto(`${BASE}/cases?per=10`);
		await page.locator('#stage').selectOption({ label: stage });
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Filter' }).click()]);
		const stages = await page.locator('table.cases tbody tr td:nth-child(5)').allTextContents();
		check(stages.length > 0 && stages.every((s) => s === stage), `the stage filter holds (${stage})`);
		if (await page.locator('nav.pager a[rel=next]').count()) {
			await Promise.all([page.waitForLoadState(), page.locator('nav.pager a[rel=next]').click()]);
			const s2 = await page.locator('table.cases tbody tr td:nth-child(5)').allTextContents();
			check(s2.every((s) => s === stage), 'and page 2 of the filtered list is still filtered');
		}
		// the language link keeps the filters
		const stageUrl = new URL(page.url());
		await Promise.all([page.waitForLoadState(), page.locator('.lang a').click()]);
		const es = new URL(page.url());
		check(es.searchParams.get('stage') === stageUrl.searchParams.get('stage') &&
			es.searchParams.get('lang') === 'es', 'the language link keeps the filters');
		check(await page.locator('h1').textContent() === 'Casos', 'and the page is in Spanish');
		await axe(page, 'the case list (Spanish)');
		// the office filter: only her own office offered; another office's code refused
		const offices = await page.locator('#office option').allTextContents();
		check(offices.filter((o) => o).length === 1, 'a prosecutor is offered only her own office');
		const own = offices.find((o) => o);
		await page.goto(`${BASE}/cases?office=${encodeURIComponent(own)}&per=10`);
		const owners = await page.locator('table.cases tbody tr td:nth-child(2)').allTextContents();
		check(owners.length > 0 && owners.every((o) => o === own), 'the office filter shows that office\'s cases');
		const resp = await page.goto(`${BASE}/cases?office=FEPMTP-CUS`);
		check(resp.status() === 400 && await page.locator('table.cases').count() === 0,
			'another office\'s code shows none of her cases under its name');

		// a revealed case survives reload, the language link and a bookmark
		await page.goto(`${BASE}/cases?per=10&lang=en`);
		await Promise.all([page.waitForURL(/\/cases\/\d+$/), page.locator('table.cases tbody a').first().click()]);
		const caseUrl = page.url();
		await axe(page, 'a case page (masked)');
		await Promise.all([page.waitForURL(caseUrl), page.locator('#reveal').click()]);
		check(page.url() === caseUrl, 'the reveal leaves nothing in the address');
		check(await page.locator('.revealed').count() > 0, 'the identities are shown');
		await page.reload();
		check(await page.locator('.revealed').count() > 0, 'a reload keeps them shown');
		await Promise.all([page.waitForLoadState(), page.locator('.lang a').click()]);
		check(await page.locator('.revealed').count() > 0 && (await page.locator('h1').textContent()).startsWith('Caso'),
			'the language link keeps them shown (no "method not allowed")');
		await axe(page, 'a revealed case page (Spanish)');
		await Promise.all([page.waitForURL(caseUrl), page.locator('#hide').click()]);
		check(await page.locator('.revealed').count() === 0, 'hiding them masks the page again');

		// narrow screens: no sideways scroll
		await page.setViewportSize({ width: 390, height: 800 });
		await page.goto(`${BASE}/cases?lang=en`);
		await noSidewaysScroll(page, 'the case list');
		await page.goto(caseUrl);
		await noSidewaysScroll(page, 'a case page');
		await page.setViewportSize({ width: 1366, height: 800 });
		await page.goto(`${BASE}/cases`);
		const tall = await page.locator('table.cases tbody tr').evaluateAll((rows) =>
			rows.filter((r) => r.getBoundingClientRect().height > 48).length);
		check(tall === 0, 'no case list row wraps at 1366 px');

		// an open redirect is refused: only paths of this site
		await page.locator('button', { hasText: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
			await page.goto(`${BASE}/login?lang=es&next=${encodeURIComponent(bad)}`);
			await page.locator('#username').fill('demo-prosecutor');
			await page.locator('#password').fill(PW);
			await Promise.all([page.waitForURL(/127\.0\.0\.1/), page.locator('form.login button').click()]);
			await page.waitForLoadState();
			check(new URL(page.url()).host === new URL(BASE).host, `next=${bad} stays on this site`);
			await page.locator('form.who button').click();
			await page.waitForURL(/\/login$/);
		}
		await page.goto(`${BASE}/login?lang=es`);
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill('contraseña mala');
		await Promise.all([page.waitForLoadState(), page.locator('form.login button').click()]);
		check(/no son correctos/.test(await page.locator('[role=alert]').textContent()), 'the sign-in error is in Spanish on the Spanish page');
		await axe(page, 'the sign-in page with an error (Spanish)');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
