// Fills every element of the page with sample data, a client with stars, and a pipeline with coloured stages.
import { createCrm, memoryAdapter } from '../../../dist/kartoteka-elements.js';

const crm = await createCrm({ storage: memoryAdapter() });
await crm.sampleData.insert({ clients: 12, orders: 40 });
const [red, yellow] = await crm.stars.list();
const client = await crm.clients.create({ name: 'Přísná politika s.r.o.', stars: [red.id, yellow.id] });
const pipeline = await crm.pipelines.create({ name: 'Sales', stages: [{ name: 'Lead', color: '#e53935' }, { name: 'Offer', color: '#1e88e5' }] });
await crm.pipelines.place(client.id, pipeline.id, pipeline.stages[0].id);
for (const tag of ['kt-client-card', 'kt-notes']) document.querySelector(tag).clientId = client.id;
document.querySelector('kt-pipeline-board').pipelineId = pipeline.id;
document.querySelector('kt-crm-provider').crm = crm;
document.body.dataset.ready = JSON.stringify({ red: red.color, stage: '#e53935' });
