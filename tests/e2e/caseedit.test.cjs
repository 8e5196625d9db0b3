// caseedit.test.cjs — issue 9, web editing: a registered case edited in the
// browser. The form comes filled from the case (identities masked), a
// person is changed, an event added, a suspect removed; the save shows a
// notice and the history names the change; a mistake comes back beside its
// field with what was typed kept; axe-core on the edit form in both
// languages. Without JavaScript, as the new-case form.
'use strict';
const { BASE, PW, check, axe, post, launch, finish } = require('./lib.cjs');

(async () => {
	const browser = await launch();
	try {
		const ctx = await browser.newContext({ javaScriptEnabled: false });
		const page = await ctx.newPage();
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
			page.locator('form.login button').click()]);

		// a case of her own, registered through the form
		await page.goto(`${BASE}/cases/new`);
		await page.locator('#number').fill('2024-0777-EDIT');
		await page.locator('#complaint_date').fill('2024-03-02');
		await page.locator('#complaint_source').selectOption('police_report');
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill('Nélida Huamán Quispe');
		await page.locator('#v1_sex').selectOption('female');
		await page.locator('#v1_birth_year').fill('2004');
		await page.locator('#s1_name').fill('Julio Ccori Mamani');
		await page.locator('#e1_stage').selectOption('complaint');
		await page.locator('#e1_date').fill('2024-03-02');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		const caseUrl = page.url().replace(/\?.*$/, '');

		// the edit form, filled in and masked
		await Promise.all([page.waitForURL(/\/edit$/), page.locator('#edit-case').click()]);
		check(await page.locator('#number').inputValue() === '2024-0777-EDIT', 'the edit form is filled from the case');
		const name = await page.locator('#v1_name').inputValue();
		check(name !== '' && !name.includes('Nélida'), `the victim's name is masked in the form (${name})`);
		check(await page.locator('#v1_birth_year').inputValue() === '2004', 'and her year of birth is there');
		// axe needs scripts: the same session in a context that runs them
		const jsCtx = await browser.newContext({ bypassCSP: true,
			storageState: await ctx.storageState() });
		const jsPage = await jsCtx.newPage();
		await jsPage.goto(page.url());
		await axe(jsPage, 'the edit form (English)');

		// a person changed, an event added, the suspect removed
		await page.locator('#v1_birth_year').fill('2005');
		await page.locator('#v1_nationality').selectOption('PE');
		await post(page, page.locator('#add-e'));
		check(await page.locator('#e2_stage').count() === 1, '"add another event" gives a new row');
		await page.locator('#e2_stage').selectOption('formalised_investigation');
		await page.locator('#e2_date').fill('2024-02-01');   // before the complaint: refused
		await post(page, page.locator('button[name=remove][value=s1]'));
		check(await page.locator('#s1_name').count() === 0, 'the suspect\'s row is removed from the form');
		await page.locator('#reason').fill('año de nacimiento corregido');
		await post(page, page.locator('#save'));
		check(await page.locator('#e2_date-err').isVisible(), 'a date before the complaint is refused beside its field');
		check(await page.locator('#v1_birth_year').inputValue() === '2005', 'what was typed is kept');
		check(await page.locator('#s1_name').count() === 0, 'and so is the removed row');
		await page.locator('#e2_date').fill('2024-05-02');
		await Promise.all([page.waitForURL(/\?saved=1$/), page.locator('#save').click()]);
		check(await page.locator('.notice.saved').isVisible(), 'a notice says the changes are saved');
		const text = await page.locator('main').textContent();
		check(await page.locator('ol.timeline li').count() === 2, 'the new event is in the timeline');
		check(await page.locator('td.identity').count() === 1, 'only the victim is left among the persons');
		check(/Histor/.test(text) && text.includes('birth_year'), 'the history shows the change of the year of birth');
		check(text.includes('año de nacimiento corregido'), 'with its reason');

		// the masked name was kept: shown in clear after a reveal
		const reveal = page.locator('form[action$="/reveal"] button');
		if (await reveal.count() > 0) {
			await Promise.all([page.waitForURL(caseUrl), reveal.click()]);
			check((await page.locator('main').textContent()).includes('Nélida Huamán Quispe'),
				'the masked name sent back kept the name');
		}

		// Spanish
		await jsPage.goto(`${caseUrl}/edit?lang=es`);
		check(await jsPage.locator('#save').textContent() === 'Guardar los cambios', 'the form in Spanish');
		await axe(jsPage, 'the edit form (Spanish)');
		await jsCtx.close();
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
