import type { AssemblyRulesView } from '#contracts';
import { useEffect, useState } from 'react';
import { api } from './api';

let rulesCache: Promise<AssemblyRulesView | null> | null = null;

/** The assembly's rules (co-sponsor threshold, speech length): one request per page load, shared. */
export function useRules(): AssemblyRulesView | null {
  const [rules, setRules] = useState<AssemblyRulesView | null>(null);
  useEffect(() => {
    rulesCache ??= api<AssemblyRulesView>('GET', '/api/rules').catch(() => {
      rulesCache = null; // try again on the next mount
      return null;
    });
    let live = true;
    void rulesCache.then((r) => live && setRules(r));
    return () => {
      live = false;
    };
  }, []);
  return rules;
}
