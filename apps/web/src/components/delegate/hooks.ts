import type { AssemblyRulesView, MotionDetail } from '#contracts';
import { useEffect, useState } from 'react';
import { api } from '../../api';

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

/** The current time, ticking every `ms` while `active`. */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return now;
}

/** Seconds as m:ss, like the public board and the Mesa's console: 2:59, 0:05 (never negative). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export type { MotionDetail };

/** One motion's detail, fetched when `id` is set (null while loading or without id). */
export function useMotionDetail(id: string | null | undefined, refresh = 0) {
  const [detail, setDetail] = useState<MotionDetail | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    setDetail(null);
    setFailed(false);
    if (!id) return;
    let live = true;
    api<MotionDetail>('GET', `/api/motions/${encodeURIComponent(id)}`).then(
      (d) => live && setDetail(d),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [id, refresh]);
  return { detail, failed };
}
