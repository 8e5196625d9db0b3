// outcomes.test.cjs — issue 10: the case page shows each suspect's
// procedural path (charges, indictment, judgement, appeal and its result,
// with the sentence, the reparation and the coercive measures in date
// order), masked names in its headings; axe-core finds no WCAG 2.1 AA
// violation, in English and in Spanish. The demo's first case is the
// showcase: three suspects convicted after trial on 2025-02-14, the first
// of whom appealed and lost. Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	// axe-core is injected as a script: the page's CSP would refuse it
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.getByLabel('User name').fill('demo-prosecutor');
		await page.getByLabel('Password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases)?$/), page.getByRole('button', { name: 'Sign in' }).click()]);

		await page.goto(`${BASE}/cases/1?lang=en`);
		const sec = page.locator('#paths');
		check(await sec.count() === 1, 'the case page has the suspects\' paths');
		check(await sec.getByRole('heading', { level: 2, name: "Suspects' procedural paths" }).count() === 1,
			'under their own heading');
		const heads = await sec.locator('h3').allTextContents();
		check(heads.length >= 3 && heads.every((t) => t.includes('***')), 'each suspect by the masked name');
		const text = await sec.textContent();
		check(/Indicted \(NCPP art\. 349\)/.test(text), 'the indictment is a step');
		check(/Convicted after trial/.test(text), 'so is the conviction after trial');
		check(/18 years of prison/.test(text), 'with its prison term');
		check(/365 days-fine/.test(text), 'and the días-multa');
		check(/civil reparation 30.000 PEN/.test(text), 'and the civil reparation ordered');
		check(/Judgement upheld on appeal or cassation/.test(text), 'the appeal and its result follow');
		check((await sec.locator('strong').allTextContents()).filter((t) => t === 'Convicted').length === 3,
			'each suspect\'s outcome in force is Convicted');
		const dates = await sec.locator('ol.path').first().locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
		check(dates.length >= 5 && dates.every((d, i) => i === 0 || dates[i - 1] <= d), 'the steps and measures are in date order');
		await axe(page, 'the case page with the paths (English)');

		await page.goto(`${BASE}/cases/1?lang=es`);
		const es = await page.locator('#paths').textContent();
		check(/Recorrido procesal de los imputados/.test(es), 'the heading in Spanish');
		check(/Sentencia condenatoria tras juicio oral/.test(es) && /años/.test(es) && /reparación civil/.test(es),
			'the steps and the sentence in Spanish');
		check(/Resultado vigente/.test(es), 'the outcome in force in Spanish');
		await axe(page, 'the case page with the paths (Spanish)');
	} catch (e) {
		check(false, `no exception (${e.message})`);
	}
	await browser.close();
	finish();
})();
