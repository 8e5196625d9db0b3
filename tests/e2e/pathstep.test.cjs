// pathstep.test.cjs — issue 10 on the web: a prosecutor records a step of a
// suspect's path from the case page (the form of `khipu case outcome`): a
// refusal is said above the form in the form's words and the form is in
// view, what was typed kept; an indictment and a conviction with its
// sentence and a reparation written "12.500,50" are shown on the path; the
// /stats dashboard has the State's response (victims protected, assets by
// stage, value recovered); axe-core at WCAG 2.1 AA on the case page with the
// form and on the dashboard, in English and Spanish.
// Run by run.sh (env KHIPU_URL, PW_MODULES, DEMO_PW).
'use strict';
const { BASE, PW, check, axe, post, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	const ctx = await browser.newContext({ bypassCSP: true });
	const page = await ctx.newPage();
	try {
		await page.goto(`${BASE}/login?lang=en`);
		await page.getByLabel('User name').fill('demo-prosecutor');
		await page.getByLabel('Password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases)?$/), page.getByRole('button', { name: 'Sign in' }).click()]);

		// a case of her own with one suspect and no path yet
		await page.goto(`${BASE}/cases/new?lang=en`);
		await page.locator('#number').fill('2024-0777-PATHSTEP');
		await page.locator('#complaint_date').fill('2024-03-21');
		await page.locator('#complaint_source').selectOption('police_report');
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill('Maribel Sonco Ccahua');
		await page.locator('#s1_name').fill('Rufino Taipe Cjuro');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		const caseUrl = page.url().replace(/\?.*$/, '');

		const form = page.locator('#path-step');
		check(await form.getByRole('heading', { name: "Record a step of a suspect's path" }).count() === 1,
			'the case page has the form of a suspect\'s path');
		check(/\*\*\*/.test(await form.getByLabel('Suspect').textContent()), 'the suspect offered by the masked name');
		await axe(page, 'the case page with the path form (English)');

		// a judgement before any indictment: refused, in words, in view
		await form.getByLabel('Step of the path').selectOption('conviction_trial');
		await form.getByLabel('Date of the decision').fill('2024-02-01');
		await post(page, form.getByRole('button', { name: 'Record step' }));
		const alert = page.locator('#path-step .error[role=alert]');
		const said = await alert.textContent();
		check(/^[A-Z]/.test(said) && !/--/.test(said), `the refusal in the form's words (${said})`);
		check(await alert.isVisible() && await page.locator('#oc-suspect').evaluate((e) => e === document.activeElement),
			'the form has the focus, its message in view');
		check(await page.locator('#path-step #oc-date').inputValue() === '2024-02-01', 'what was typed is kept');

		// an indictment, then a conviction with its sentence
		await page.goto(caseUrl + '?lang=en');
		await form.getByLabel('Step of the path').selectOption('indictment');
		await form.getByLabel('Date of the decision').fill('2024-06-10');
		await post(page, form.getByRole('button', { name: 'Record step' }));
		check(/Indicted/.test(await page.locator('#paths').textContent()), 'the indictment is on the path');
		await form.getByLabel('Step of the path').selectOption('conviction_trial');
		await form.getByLabel('Date of the decision').fill('2024-11-20');
		await form.getByLabel('Years of prison').fill('15');
		await form.getByLabel('Civil reparation').fill('12.500,50');
		await post(page, form.getByRole('button', { name: 'Record step' }));
		const path = await page.locator('#paths').textContent();
		check(/15 years of prison/.test(path), 'the sentence is on the path');
		check(/civil reparation 12,500\.50 PEN/.test(path), `the reparation with its cents (${(path.match(/civil reparation [^·]*/) || [''])[0]})`);
		check(/Convicted/.test(await page.locator('#paths strong').first().textContent()), 'the outcome in force is Convicted');

		await page.goto(caseUrl + '?lang=es');
		check(await page.locator('#path-step h2').textContent() === 'Registrar un paso del recorrido procesal de un imputado',
			'the form in Spanish');
		await axe(page, 'the case page with the path form (Spanish)');

		// the State's response on the dashboard
		await page.goto(`${BASE}/stats?lang=en`);
		for (const id of ['protected_victims', 'assets_by_stage', 'assets_recovered'])
			check(await page.locator(`section#${id} svg`).count() === 1 &&
				await page.locator(`section#${id} table`).count() === 1, `the dashboard shows ${id} as a chart and a table`);
		await axe(page, 'the dashboard (English)');
		await page.goto(`${BASE}/stats?lang=es`);
		check(/Víctimas protegidas/.test(await page.locator('#protected_victims h2').textContent()), 'the dashboard in Spanish');
		await axe(page, 'the dashboard (Spanish)');
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
