// response.test.cjs — browser test of the State's response on the case page
// (issue 10): each victim's protection and each asset's life are shown in
// Spanish and in English; a prosecutor records a protection measure (first
// refused without the adult victim's consent, with the reason) and a step
// of an asset's life through the forms; an analyst sees the sections with
// no identity and no form. axe-core checks the section for WCAG 2 A/AA
// violations in both languages. Run by run.sh (env KHIPU_URL, PW_MODULES,
// DEMO_PW, CHROMIUM).
'use strict';
const { AXE, BASE, PW, check, launch, finish } = require('./lib.cjs');

const URL = BASE;

async function signIn(page, user) {
	await page.goto(`${URL}/login?lang=en`);
	await page.getByLabel('User name').fill(user);
	await page.getByLabel('Password').fill(PW);
	await Promise.all([page.waitForURL(/\/(cases|audit|admin\/users)?$/), page.getByRole('button', { name: 'Sign in' }).click()]);
}

async function signOut(page) {
	await Promise.all([page.waitForURL(/\/login$/), page.getByRole('button', { name: 'Sign out' }).click()]);
}

// axe on the response section: WCAG 2 A and AA rules
async function axe(page, label) {
	await page.evaluate(AXE);
	const res = await page.evaluate(async () => await window.axe.run({ include: [['#response']] },
		{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
	const v = res.violations.map((x) => `${x.id} (${x.nodes.length})`);
	check(res.passes.length > 0 && v.length === 0, `axe: no WCAG 2 A/AA violation in the response section, ${label}` +
		(v.length ? `: ${v.join(', ')}` : ''));
}

(async () => {
	const browser = await launch();
	const context = await browser.newContext({ bypassCSP: true });
	const page = await context.newPage();
	const today = new Date().toISOString().slice(0, 10);
	try {
		await signIn(page, 'demo-prosecutor');
		// the showcase case: three victims, cash, a vehicle and the bar seized
		await page.goto(`${URL}/cases/1?lang=en`);
		check(await page.locator('#protection').isVisible(), 'the case page has "Protection of victims"');
		check(await page.locator('table.protection').count() === 3, 'one table per victim');
		check(await page.locator('#assets').isVisible(), 'and "Assets and their life"');
		const lives = page.locator('ul.assets > li');
		check(await lives.count() === 3, 'each asset with its life');
		check(/Seizure/.test(await lives.first().textContent()), 'the steps are listed, seizure first');
		await axe(page, 'in English');

		// a referral of an adult victim without her consent
		const rowsBefore = await page.locator('table.protection').first().locator('tbody tr').count();
		await page.getByLabel('Measure or service').selectOption('health');
		await page.getByLabel('Provider').selectOption('health');
		await page.locator('#pr-date').fill(today);
		await Promise.all([page.waitForLoadState(), page.locator('#protect').click()]);
		await page.waitForSelector('[role=alert]');
		check(/informed consent/.test(await page.locator('[role=alert]').textContent()),
			'a referral without consent is refused, saying why');
		await page.goto(`${URL}/cases/1?lang=en`);
		check(await page.locator('table.protection').first().locator('tbody tr').count() === rowsBefore,
			'and nothing was written');
		await page.getByLabel('Measure or service').selectOption('health');
		await page.getByLabel('Provider').selectOption('health');
		await page.locator('#pr-date').fill(today);
		await page.getByLabel('Consent').selectOption('yes');
		await page.getByLabel('Result', { exact: true }).selectOption('provided');
		await Promise.all([page.waitForURL(/\/cases\/1#protection$/), page.locator('#protect').click()]);
		const first = page.locator('table.protection').first();
		check(await first.locator('tbody tr').count() === rowsBefore + 1, 'with her consent it is recorded');
		check(/Health care/.test(await first.locator('tbody tr').last().textContent()), 'and listed with the rest');

		// a realised value on a confiscation: refused; a return: recorded
		await page.getByLabel('Step', { exact: true }).selectOption('forfeited');
		await page.locator('#as-date').fill(today);
		await page.getByLabel('Realised value').fill('5');
		await Promise.all([page.waitForLoadState(), page.locator('#asset-step').click()]);
		await page.waitForSelector('[role=alert]');
		check(/realised value/.test(await page.locator('[role=alert]').textContent()),
			'a realised value on a confiscation is refused');
		await page.goto(`${URL}/cases/1?lang=en`);
		const steps = await page.locator('ul.assets > li').first().locator('ol li').count();
		await page.getByLabel('Step', { exact: true }).selectOption('returned');
		await page.locator('#as-date').fill(today);
		await Promise.all([page.waitForURL(/\/cases\/1#assets$/), page.locator('#asset-step').click()]);
		const life = page.locator('ul.assets > li').first();
		check(await life.locator('ol li').count() === steps + 1, 'the new step is in the asset\'s life');
		check(/Returned/.test(await life.locator('ol li').last().textContent()), 'as its current stage');

		// Spanish
		await page.goto(`${URL}/cases/1?lang=es`);
		check((await page.locator('#protection').textContent()).includes('Protección de las víctimas'),
			'in Spanish: "Protección de las víctimas"');
		check((await page.locator('#assets').textContent()).includes('Bienes y su trayectoria'),
			'"Bienes y su trayectoria"');
		check((await page.locator('ul.assets').textContent()).includes('Incautación'), 'the steps in Spanish');
		await axe(page, 'in Spanish');
		await page.goto(`${URL}/cases/1?lang=en`);
		await signOut(page);

		await signIn(page, 'demo-analyst');
		await page.goto(`${URL}/cases/1?lang=en`);
		check(await page.locator('table.protection').count() === 3, 'an analyst sees each victim\'s protection');
		check((await page.locator('#response').textContent()).includes('[protected]'), 'without identities');
		check(await page.locator('#protect').count() === 0 && await page.locator('#asset-step').count() === 0,
			'and no form');
		await axe(page, 'for an analyst');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
