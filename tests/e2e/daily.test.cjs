// daily.test.cjs — issue 11 in the browser, the parts a day's work leans on:
// the menu marks the page one is on and pages below it carry breadcrumbs;
// the /stats charts write their numbers as the tables beside them do
// (grouped, the language's decimal mark) and none is cut at the edge; the
// region matrix is drawn at a readable size; the analyst downloads the
// workbook (XLSX) of the dashboard's filters and the case list as CSV (every
// page of it, the same filters, no identity); a prosecutor records payments
// of the civil reparation on the case page (written 1.500,50 or 1,000.25), a
// payment beyond the order refused beside its form, in view; axe-core finds
// no WCAG 2.1 AA violation and nothing scrolls sideways at 390 px on every
// page of every role, in Spanish and English.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const fs = require('fs');
const { BASE, PW, check, axe, post, launch, finish } = require('./lib.cjs');

async function signIn(page, user) {
	await page.goto(`${BASE}/login?lang=en`);
	await page.locator('#username').fill(user);
	await page.locator('#password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.locator('form.login button').click()]);
}

async function signOut(page) {
	await Promise.all([page.waitForURL(/\/login$/), page.locator('form.who button').click()]);
}

// the texts of a chart's <text> elements
async function chartTexts(page, id) {
	return page.locator(`#${id} svg text`).allTextContents();
}

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
	const page = await ctx.newPage();
	try {
		// ---- the analyst: statistics, workbook, case list CSV ----
		await signIn(page, 'demo-analyst');
		await page.goto(`${BASE}/stats?lang=en`);
		const cur = await page.locator('header nav a[aria-current=page]').allTextContents();
		check(cur.length === 1 && cur[0] === 'Statistics', `the menu marks the page one is on (${cur})`);
		check(await page.locator('nav.crumbs').count() === 0, 'a menu entry\'s own page has no breadcrumbs');
		const cell = (await page.locator('#assets_recovered table tbody tr').first().locator('td').textContent()).trim();
		check(/^\d{1,3}(,\d{3})+\.\d\d$/.test(cell), `the table's amount is grouped (${cell})`);
		check((await chartTexts(page, 'assets_recovered')).includes(cell), 'the chart writes it the same way');
		const clipped = await page.locator('section.stat svg').evaluateAll((svgs) => svgs.filter((s) => {
			const right = s.getBoundingClientRect().right + 1;
			return [...s.querySelectorAll('text')].some((t) => !t.closest('[transform]') &&
				t.getBoundingClientRect().right > right);
		}).map((s) => s.closest('section').id));
		check(clipped.length === 0, `no number or label runs past its chart's edge (${clipped})`);
		const m = page.locator('#region_matrix figure svg');
		const [w, natural, font] = await m.evaluate((s) => [s.getBoundingClientRect().width,
			+s.getAttribute('width'), parseFloat(getComputedStyle(s.querySelector('text')).fontSize) *
			s.getBoundingClientRect().width / +s.getAttribute('width')]);
		check(w >= natural - 1 && font >= 11, `the region matrix at its own size (${Math.round(w)} of ${natural} px, text ${font.toFixed(1)} px)`);
		check(await page.locator('#region_matrix figure').getAttribute('tabindex') === '0',
			'and reachable by keyboard to scroll it');
		// printed: the matrix fits the paper, the downloads and menus are left out
		await page.setViewportSize({ width: 794, height: 1123 });   // A4 at 96 dpi
		await page.emulateMedia({ media: 'print' });
		const [pw, ph] = await page.evaluate(() => [document.querySelector('#region_matrix figure svg').getBoundingClientRect().right,
			document.querySelector('main').getBoundingClientRect().right]);
		check(pw <= ph + 1 && !(await page.locator('#workbook').isVisible()) &&
			!(await page.locator('header.top').isVisible()), `the printed dashboard fits its page (${Math.round(pw)} <= ${Math.round(ph)})`);
		await page.emulateMedia({ media: 'screen' });
		await page.setViewportSize({ width: 1280, height: 720 });
		const [wb] = await Promise.all([page.waitForEvent('download'), page.locator('#workbook').click()]);
		const wbPath = await wb.path();
		check(wb.suggestedFilename() === 'khipu-stats.xlsx' &&
			fs.readFileSync(wbPath).subarray(0, 2).toString() === 'PK', 'the workbook downloads (XLSX)');
		await page.locator('#office').selectOption({ index: 1 });
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Filter' }).click()]);
		const office = await page.locator('#office').inputValue();
		check((await page.locator('#workbook').getAttribute('href')).includes(`office=${office}`),
			'the workbook link carries the filters');
		await page.goto(`${BASE}/stats?lang=es`);
		const celda = (await page.locator('#assets_recovered table tbody tr').first().locator('td').textContent()).trim();
		check(/^\d{1,3}(\u202f\d{3})+,\d\d$/.test(celda) && (await chartTexts(page, 'assets_recovered')).includes(celda),
			`in Spanish too, the chart as the table (${celda})`);
		await axe(page, 'the dashboard with its workbook link (Spanish)');

		await page.goto(`${BASE}/cases?lang=en&per=10`);
		const total = +(await page.locator('p.count').textContent()).match(/^([\d,]+) cases/)[1].replace(/,/g, '');
		const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#cases-csv').click()]);
		const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
		check(csv.suggestedFilename() === 'khipu-cases.csv' && lines[0].startsWith('Number,Office,Complaint date'),
			'the case list downloads as CSV');
		check(lines.length - 1 === total && total > 10, `every case of the list, not one page (${lines.length - 1} of ${total})`);
		const stage = await page.locator('table.cases tbody tr td:nth-child(5)').first().textContent();
		await page.locator('#stage').selectOption({ label: stage });
		await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: 'Filter' }).click()]);
		const n2 = +(await page.locator('p.count').textContent()).match(/^([\d,]+) cases/)[1].replace(/,/g, '');
		const [csv2] = await Promise.all([page.waitForEvent('download'), page.locator('#cases-csv').click()]);
		const rows2 = fs.readFileSync(await csv2.path(), 'utf8').trim().split('\r\n').slice(1);
		check(rows2.length === n2 && rows2.every((l) => l.includes(`,${stage.includes(',') ? '"' + stage : stage}`)),
			`the CSV keeps the list's filter (${n2} rows, ${stage})`);

		// a case below the list: breadcrumbs, the menu still on Cases
		await page.locator('table.cases tbody tr a').first().click();
		await page.waitForURL(/\/cases\/\d+$/);
		const crumbs = await page.locator('nav.crumbs li').allTextContents();
		check(crumbs.length === 3 && crumbs[0] === 'Start' && crumbs[1] === 'Cases' &&
			crumbs[2] === await page.locator('h1').textContent(), `a case page says where it is (${crumbs.join(' › ')})`);
		check(await page.locator('nav.crumbs li:last-child').getAttribute('aria-current') === 'page' &&
			await page.locator('header nav a[aria-current=page]').textContent() === 'Cases',
			'its own crumb is the current page, and the menu marks Cases');
		await Promise.all([page.waitForURL(/\/cases$/), page.locator('nav.crumbs a[href="/cases"]').click()]);
		check(true, 'the crumb leads back to the list');
		await signOut(page);

		// ---- a prosecutor: the civil reparation paid ----
		await signIn(page, 'demo-prosecutor');
		await page.goto(`${BASE}/cases/new?lang=en`);
		await page.locator('#number').fill('2024-0778-PAYMENTS');
		await page.locator('#complaint_date').fill('2024-03-21');
		await page.locator('#complaint_source').selectOption('police_report');
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill('Maribel Sonco Ccahua');
		await page.locator('#s1_name').fill('Rufino Taipe Cjuro');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		const caseUrl = page.url().replace(/\?.*$/, '');
		check(await page.locator('#payment').count() === 0, 'no payment form before a reparation is ordered');
		const form = page.locator('#path-step');
		await form.getByLabel('Step of the path').selectOption('indictment');
		await form.getByLabel('Date of the decision').fill('2024-06-10');
		await post(page, form.getByRole('button', { name: 'Record step' }));
		await form.getByLabel('Step of the path').selectOption('conviction_trial');
		await form.getByLabel('Date of the decision').fill('2024-11-20');
		await form.getByLabel('Years of prison').fill('15');
		await form.getByLabel('Civil reparation').fill('20.000');
		await post(page, form.getByRole('button', { name: 'Record step' }));
		const pay = page.locator('#payment');
		check(await pay.getByRole('heading', { name: 'Record a payment of the civil reparation' }).count() === 1,
			'a reparation ordered: the case page has the payment form');
		await pay.getByLabel('Date of the payment').fill('2024-12-01');
		await pay.getByLabel('Amount paid, in the currency of the order').fill('1.500,50');
		await post(page, pay.getByRole('button', { name: 'Record payment' }));
		await page.locator('#payment').getByLabel('Date of the payment').fill('2025-01-10');
		await page.locator('#payment').getByLabel('Amount paid, in the currency of the order').fill('1,000.25');
		await post(page, page.locator('#payment').getByRole('button', { name: 'Record payment' }));
		const paid = await page.locator('#paths').textContent();
		check(/Civil reparation paid: 2,500\.75 PEN of 20,000 PEN/.test(paid),
			`both payments on the path, added up against the order (${(paid.match(/Civil reparation paid[^)]*\)/) || [''])[0]})`);
		await axe(page, 'the case page with the payment form (English)');
		// beyond the order: refused beside the form, in view, what was typed kept
		await page.locator('#payment').getByLabel('Date of the payment').fill('2025-02-01');
		await page.locator('#payment').getByLabel('Amount paid, in the currency of the order').fill('18000');
		await post(page, page.locator('#payment').getByRole('button', { name: 'Record payment' }));
		const err = page.locator('#payment-error');
		const said = await err.textContent();
		check(/^Amount paid:/.test(said) && !/--/.test(said), `a payment beyond the order refused in the form's words (${said})`);
		check(await err.isVisible() && await page.locator('#pay-suspect').evaluate((e) => e === document.activeElement) &&
			await err.evaluate((e) => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }),
			'the message in view, the form focused');
		check(await page.locator('#pay-amount').inputValue() === '18000', 'what was typed is kept');
		check(await page.locator('#path-step .error').count() === 0, 'the other form says nothing');
		await page.goto(`${caseUrl}?lang=es`);
		check(await page.locator('#payment h2').textContent() === 'Registrar un pago de la reparación civil',
			'the payment form in Spanish');
		await axe(page, 'the case page with the payment form (Spanish)');
		// the edit form: a crumb back to its case
		await page.goto(`${caseUrl}/edit?lang=en`);
		check(await page.locator(`nav.crumbs a[href="${new URL(caseUrl).pathname}"]`).count() === 1,
			'the edit form\'s breadcrumbs lead back to its case');
		await signOut(page);

		// ---- every page of every role: axe in both languages, no sideways scroll ----
		const id = new URL(caseUrl).pathname.split('/')[2];
		const pages = {
			'demo-prosecutor': ['/', '/cases', '/cases/new', `/cases/${id}`, `/cases/${id}/edit`, '/persons',
				'/stats', '/cooperation', '/cases/999999999'],
			'demo-analyst': ['/cases', '/stats'],
			'demo-auditor': ['/audit'],
			'demo-admin': ['/admin/users', '/admin/offices', '/cases'],
		};
		for (const [user, paths] of Object.entries(pages)) {
			await signIn(page, user);
			for (const p of paths)
				for (const lang of ['en', 'es']) {
					await page.setViewportSize({ width: 1366, height: 900 });
					await page.goto(`${BASE}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
					await axe(page, `${p} as ${user} (${lang})`);
					await page.setViewportSize({ width: 390, height: 800 });
					const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth,
						document.documentElement.clientWidth]);
					check(sw <= cw, `no sideways scroll at 390 px on ${p} as ${user} (${lang}; ${sw} <= ${cw})`);
				}
			await page.setViewportSize({ width: 1366, height: 900 });
			await signOut(page);
		}
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
