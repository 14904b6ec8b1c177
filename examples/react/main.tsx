// Kartoteka's elements in a React 19 app: React sets `crm` and `clientId` as properties and
// listens to the elements' DOM events through `on<event-name>` props.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createCrm, type Crm } from '../../src/index.ts';
import { indexedDbAdapter } from '../../adapters/indexeddb/index.ts';
import type { KtClientCard, KtClientOpenEvent, KtClientPicker, KtClientSelectEvent, KtClientTable, KtCrmProvider } from '../../components/index.ts';
import '../../components/define/all.ts';

/** The elements as JSX knows them: their properties plus React's own props. */
type KtProps<T> = Partial<Omit<T, keyof HTMLElement>> & { children?: React.ReactNode; id?: string };
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'kt-crm-provider': KtProps<KtCrmProvider>;
      'kt-client-table': KtProps<KtClientTable> & { 'onkt-client-open'?: (event: KtClientOpenEvent) => void };
      'kt-client-picker': KtProps<KtClientPicker> & { 'onkt-client-select'?: (event: KtClientSelectEvent) => void };
      'kt-client-card': KtProps<KtClientCard>;
    }
  }
}

function App() {
  const [crm, setCrm] = useState<Crm>();
  const [openId, setOpenId] = useState<string>();
  const [picked, setPicked] = useState('');

  useEffect(() => {
    let done = false;
    void (async () => {
      const opened = await createCrm({ storage: indexedDbAdapter({ name: 'kartoteka-react-example' }), settings: { autoCreateClients: true } });
      if (!(await opened.sampleData.has())) await opened.sampleData.insert();
      if (!done) setCrm(opened);
    })();
    return () => void (done = true);
  }, []);

  if (!crm) return <p>Opening the CRM…</p>;
  return (
    <kt-crm-provider crm={crm}>
      <div className="layout">
        <section>
          <h2>Pick a client</h2>
          <kt-client-picker onkt-client-select={(event) => setPicked(event.client ? crm.clients.label(event.client) : '')} />
          <p>
            Picked: <output id="picked">{picked}</output>
          </p>
        </section>
        <section>
          <h2>Clients</h2>
          <kt-client-table columns={['number', 'name', 'taxId', 'status', 'email']} onkt-client-open={(event) => setOpenId(event.clientId)} />
        </section>
        {openId && <kt-client-card clientId={openId} />}
      </div>
    </kt-crm-provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
