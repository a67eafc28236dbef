import type { ReactNode } from 'react';
import { HotlineStrip, SiteFooter, SiteHeader } from '../components/SiteHeader.tsx';

export function CitizenLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      <HotlineStrip />
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
