import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import './i18n';
import './styles.css';
import { Layout } from './components/Layout';
import { Home } from './pages/Home';
import { Delegate } from './pages/Delegate';
import { LiveBoard } from './pages/LiveBoard';
import { Motion } from './pages/Motion';
import { Resolution } from './pages/Resolution';
import { Resolutions } from './pages/Resolutions';

import { Motions } from './pages/Motions';
import { NotFound } from './pages/NotFound';
import { SignIn } from './pages/SignIn';
import { registerServiceWorker } from './sw/offline';

// The consoles are separate chunks: a phone following the board never downloads them.
const DelegateConsole = lazy(() => import('./pages/DelegateConsole'));
const ModeratorConsole = lazy(() => import('./pages/ModeratorConsole'));
const Rules = lazy(() => import('./pages/Rules').then((page) => ({ default: page.Rules })));
const SecretariatConsole = lazy(() => import('./pages/SecretariatConsole'));
const LiaisonConsole = lazy(() => import('./pages/LiaisonConsole'));
const Enrol = lazy(() => import('./pages/Enrol'));
const Account = lazy(() => import('./pages/Account'));
const Verify = lazy(() => import('./pages/Verify'));
// The plan's pages and their charts: not on the public board's path.
const Plan = lazy(() => import('./pages/Plan').then((page) => ({ default: page.Plan })));
const Objective = lazy(() => import('./pages/Objective').then((page) => ({ default: page.Objective })));
// The hall's screen: a chunk of its own, outside the site's layout (no header, no menu).
const Projector = lazy(() => import('./pages/Projector'));

// Keeps what the public pages last showed, for weak connections (src/sw/sw.ts).
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Suspense fallback={<p role="status">…</p>}>
        <Routes>
          <Route path="sesiones/:id/proyector" element={<Projector />} />
          <Route element={<Layout />}>
            <Route index element={<Home />} />
            <Route path="sesiones/:id" element={<LiveBoard />} />
            <Route path="resoluciones" element={<Resolutions />} />
            <Route path="resoluciones/:number" element={<Resolution />} />
            <Route path="verificar" element={<Verify />} />
            <Route path="reglamento" element={<Rules />} />
            <Route path="mociones" element={<Motions />} />
            <Route path="mociones/:id" element={<Motion />} />
            <Route path="ingresar" element={<SignIn />} />
            <Route path="delegados/:id" element={<Delegate />} />
            <Route path="plan" element={<Plan />} />
            <Route path="plan/objetivos/:code" element={<Objective />} />
            <Route path="delegado" element={<DelegateConsole />} />
            <Route path="mesa" element={<ModeratorConsole />} />
            <Route path="secretaria" element={<SecretariatConsole />} />
            <Route path="institucion" element={<LiaisonConsole />} />
            <Route path="alta" element={<Enrol />} />
            <Route path="cuenta" element={<Account />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
