// newcase.test.cjs — issue 11: the new-case form holds a real case. Without
// JavaScript, "add another" gives as many victims, suspects, events... as
// needed; every mistake is shown at once beside its field, in the user's
// words, the first one focused; amounts written "1.200,50" or "1,200.50";
// the realistic case of the issue registered in one submission with every
// fact in its own field; places chosen by name, department -> province ->
// district, also without JavaScript; axe-core on the form in both languages.
'use strict';
const { BASE, PW, check, axe, launch, finish, post } = require('./lib.cjs');

// a place by name: the department, "Show the provinces", the province,
// "Show the districts", the district (each step a round trip without scripts)
async function pickPlace(page, base, dep, prov, dist) {
	await page.locator(`#${base}`).selectOption({ label: dep });
	await post(page, page.locator(`#${base}-narrow`));
	await page.locator(`#${base}_p`).selectOption({ label: prov });
	await post(page, page.locator(`#${base}-narrow`));
	await page.locator(`#${base}_d`).selectOption({ label: dist });
}

(async () => {
	const browser = await launch();
	try {
		// no JavaScript in the page at all: the form must work by itself
		const noJs = await browser.newContext({ javaScriptEnabled: false });
		const page = await noJs.newPage();
		await page.goto(`${BASE}/login?lang=en`);
		await page.locator('#username').fill('demo-prosecutor');
		await page.locator('#password').fill(PW);
		await Promise.all([page.waitForURL(/\/(cases)?$/), page.locator('form.login button').click()]);
		await page.goto(`${BASE}/cases/new`);
		check(await page.locator('label[for=number] .req').count() === 1, 'required fields are marked');
		check(await page.locator('#office option').count() === 1,
			'a prosecutor is offered only her own office (another would be refused)');
		await page.locator('#number').fill('2024-0919-LORETO');
		await page.locator('#complaint_date').fill('02/03/2024');
		await page.locator('#complaint_source').selectOption('police_report');
		check(await page.locator('#place_ubigeo_p').count() === 0, 'no province list before a department is chosen');
		await page.locator('#place_ubigeo').selectOption({ label: 'Madre de Dios' });
		await post(page, page.locator('#place_ubigeo-narrow'));
		const provs = await page.locator('#place_ubigeo_p option').allTextContents();
		check(provs.join('|') === '|Manu|Tahuamanu|Tambopata', `the provinces of Madre de Dios by name (${provs.join(', ')})`);
		check(await page.evaluate(() => document.activeElement.id) === 'place_ubigeo_p', 'the province list has the focus');
		check(await page.locator('#number').inputValue() === '2024-0919-LORETO', 'the form keeps what was typed');
		await page.locator('#place_ubigeo_p').selectOption({ label: 'Tambopata' });
		await post(page, page.locator('#place_ubigeo-narrow'));
		check((await page.locator('#place_ubigeo_d option').allTextContents()).includes('Inambari'),
			'then the districts of Tambopata');
		await page.locator('#place_ubigeo_d').selectOption({ label: 'Inambari' });
		await page.locator('#offences').selectOption(['cp_129a']);
		await page.locator('#v1_name').fill('Lucía Ahuanari Tapullima');
		await page.locator('#v1_sex').selectOption('female');
		await page.locator('#v1_birth_year').fill('2005');
		await page.locator('#v1_age').fill('19');
		await page.locator('#v1_origin').selectOption('16');
		await page.locator('#v1_exploitation').selectOption(['sexual_exploitation']);
		await page.locator('#v1_recruitment').selectOption(['job_offer']);
		await pickPlace(page, 'v1_rplace', 'Loreto', 'Maynas', 'Iquitos');
		await pickPlace(page, 'v1_xplace', 'Madre de Dios', 'Tambopata', 'Inambari');
		check(await page.locator('#place_ubigeo_d').inputValue() === '170102', 'the other places keep their choices');
		await page.locator('#s1_name').fill('Walter Mozombite Ríos');
		await page.locator('#s1_network_roles').selectOption(['recruiter_intermediary']);
		// a second suspect: "add another" sends the form back with one more row
		await post(page, page.locator('#add-s'));
		check(await page.locator('#s2_name').count() === 1, 'without JavaScript, "add another suspect" gives a second row');
		check(await page.locator('#v1_name').inputValue() === 'Lucía Ahuanari Tapullima', 'and keeps everything typed');
		await page.locator('#s2_name').fill('Gilmer Huayta Condori');
		await page.locator('#e1_stage').selectOption('complaint');
		await page.locator('#e1_date').fill('2024-03-02');
		await post(page, page.locator('#add-e'));
		await page.locator('#e2_stage').selectOption('formalised_investigation');
		await page.locator('#e2_date').fill('2024-02-20');   // before the complaint: refused
		await page.locator('#a1_kind').selectOption('electronics');
		await page.locator('#a1_description').fill('Teléfono incautado al reclutador');
		await page.locator('#a1_value').fill('1.200,50');
		await page.locator('#a1_measure').selectOption('seized');
		await page.locator('#a1_measure_date').fill('2024-03-03');
		await page.locator('#i1_kind').selectOption('bank_account');
		await page.locator('#i1_value').fill('191-2345678-0-11');
		await page.locator('#v1_age').fill('diecinueve');
		await post(page, page.locator('#register'));
		const errs = await page.locator('#form-error li').allTextContents();
		check(errs.length === 2, `both mistakes are listed at once (${errs.length})`);
		check(errs.some((e) => e.startsWith('Victim 1 — Age at recruitment:')) &&
			errs.some((e) => e.startsWith('Procedural event 2 — Date: an event cannot be dated before')),
			'in the user\'s words, with the field\'s label');
		check(!errs.join().match(/persons\[|events\[|\.date|_/), 'never a JSON path or a field code');
		check(await page.locator('#v1_age[aria-invalid=true]').count() === 1 &&
			await page.locator('#v1_age-err').isVisible(), 'the error is beside its field, which is marked invalid');
		check(await page.locator('#v1_age').getAttribute('autofocus') !== null, 'the first field at fault is focused');
		check(await page.locator('#a1_value').inputValue() === '1.200,50', 'what was typed is kept');
		await page.locator('#v1_age').fill('19');
		await page.locator('#e2_date').fill('2024-05-02');
		await Promise.all([page.waitForURL(/\/cases\/\d+\?registered=1$/), page.locator('#register').click()]);
		check(await page.locator('.notice.saved').isVisible(), 'the case is registered, with a notice');
		const text = await page.locator('main').textContent();
		check(text.includes('1,200.50 PEN'), 'the amount keeps its cents (1,200.50)');
		check(await page.locator('td.identity').count() === 3, 'one victim and two suspects');
		check(await page.locator('ol.timeline li').count() === 2, 'the complaint and its formalisation');
		check(text.includes('Inambari, Tambopata, Madre de Dios'), 'the place of the facts by name');
		check(await page.locator('#ev-stage').inputValue() === 'indictment',
			'after the formalisation the event form offers the indictment, the next usual step');
		check(text.includes('Iquitos, Maynas, Loreto') && text.match(/Inambari, Tambopata, Madre de Dios[^]*Inambari/),
			'the victim\'s places of recruitment and exploitation by name');
		// a province left from another department is refused beside the place
		await page.goto(`${BASE}/cases/new`);
		await page.locator('#place_ubigeo').selectOption({ label: 'Madre de Dios' });
		await post(page, page.locator('#place_ubigeo-narrow'));
		await page.locator('#place_ubigeo_p').selectOption({ label: 'Manu' });
		await page.locator('#place_ubigeo').selectOption({ label: 'Loreto' });
		await post(page, page.locator('#register'));
		check((await page.locator('#place_ubigeo-err').textContent()).startsWith('Place of the facts: the province is not in Loreto'),
			'a province of another department is refused beside its place');
		await noJs.close();

		// the same form with JavaScript, for axe, in both languages
		const ctx = await browser.newContext({ bypassCSP: true });
		const p2 = await ctx.newPage();
		await p2.goto(`${BASE}/login?lang=es`);
		await p2.locator('#username').fill('demo-police');
		await p2.locator('#password').fill(PW);
		await Promise.all([p2.waitForURL(/\/(cases)?$/), p2.locator('form.login button').click()]);
		await p2.goto(`${BASE}/cases/new`);
		check(await p2.locator('#q1_direction').count() === 0, 'the police are not offered international requests');
		await axe(p2, 'the new-case form (Spanish)');
		await p2.locator('#v1_birth_year').fill('dos mil');
		await post(p2, p2.locator('#register'));
		await axe(p2, 'the new-case form with errors (Spanish)');
		await p2.goto(`${BASE}/cases/new?lang=en`);
		await axe(p2, 'the new-case form (English)');
		await ctx.close();
	} catch (e) {
		check(false, `browser run: ${e.message.split('\n')[0]}`);
	}
	await browser.close();
	finish();
})();
