import type { MotionDetail } from '#contracts';
import { useEffect, useState } from 'react';
import { api } from '../../api';

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
