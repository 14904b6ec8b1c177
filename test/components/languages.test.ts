import { expect } from 'chai';
import { html } from 'lit';
import { memoryAdapter } from '../../adapters/memory/index.ts';
import { createCrm } from '../../src/index.ts';
import { en, registerTranslation, type KtNotes } from '../../components/index.ts';
// One element alone: it brings English only; the other languages come from define/languages.
import '../../components/define/notes.ts';
import { mount, shadow, textOf, until } from './helpers.ts';

describe('languages', () => {
  it('speak English until a language is registered, then the registered one, also a host\'s own', async () => {
    const crm = await createCrm({ storage: memoryAdapter() });
    const client = await crm.clients.create({ name: 'Alza' });
    const notes = await mount<KtNotes>(html`<div lang="cs"><kt-notes client-id=${client.id} .crm=${crm}></kt-notes></div>`, 'kt-notes');
    const title = () => textOf(shadow(notes).querySelector('h3'));
    await until(() => expect(title()).to.equal(en.notes.title));
    await import('../../components/define/languages.ts');
    await until(() => expect(title()).to.equal('Poznámky'));
    registerTranslation('de', { ...en, notes: { ...en.notes, title: 'Notizen' } });
    notes.closest('div')!.setAttribute('lang', 'de-AT');
    await until(() => expect(title()).to.equal('Notizen'));
  });
});
