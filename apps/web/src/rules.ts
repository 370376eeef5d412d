import type { AssemblyRulesView } from '#contracts';
import { useEffect, useState } from 'react';
import { api } from './api';

let rulesCache: Promise<AssemblyRulesView | null> | null = null;

function fetchRules(): Promise<AssemblyRulesView | null> {
  rulesCache = api<AssemblyRulesView>('GET', '/api/rules').catch(() => {
    rulesCache = null; // try again on the next mount
    return null;
  });
  return rulesCache;
}

/** After the secretariat adopts a version: the next reader fetches the rules again. */
export function forgetRules(): void {
  rulesCache = null;
}

/**
 * The reglamento in force (co-sponsor threshold, speech length, counting rules): one request per page
 * load, shared; `fresh` fetches it again on mount, for a form that acts under it (a vote being opened).
 */
export function useRules(options: { fresh?: boolean } = {}): AssemblyRulesView | null {
  const [rules, setRules] = useState<AssemblyRulesView | null>(null);
  const fresh = options.fresh === true;
  useEffect(() => {
    const pending = fresh || !rulesCache ? fetchRules() : rulesCache;
    let live = true;
    void pending.then((r) => live && setRules(r));
    return () => {
      live = false;
    };
  }, [fresh]);
  return rules;
}
