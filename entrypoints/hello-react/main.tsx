// Benchmark page (bench builds only): a hello-world React page, the control bench/memory-bare.mjs
// opens beside the popup (what any page that loads and renders React keeps in the process).
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>Hello</p>);
