import { useEffect, useState } from 'preact/hooks';
import { match, navigate, onLinkClick, usePath } from './router';
import { restore, signOut, type Me, type Role } from './session';
import { Busy } from './ui';
import { ROLE_WORDS } from './words';
import { SignInScreen } from './screens/sign-in';
import { HomeScreen } from './screens/home';
import { ItemScreen } from './screens/item';
import { SearchScreen } from './screens/search';
import { RegisterScreen } from './screens/register';
import { ImportScreen } from './screens/import';
import { InventoryScreen } from './screens/inventory';
import { TransfersScreen, TransferScreen } from './screens/transfers';
import { BagScreen } from './screens/bag';
import { ScanSessionScreen } from './screens/scan-session';
import { ShelfScreen } from './screens/shelf-session';
import { warmDecoderSoon } from './scan/warm-decoder';
import { DepotScreen, IntakeScreen } from './screens/depot';
import { ReplayScreen } from './screens/replay';
import { TokensScreen } from './screens/admin-tokens';
import { PlacesScreen } from './screens/admin-places';
import { PeopleScreen } from './screens/admin-people';
import { LooseIntakeScreen } from './screens/loose-intake';
import { DepotLoansScreen } from './screens/depot-loans';
import { RelocateScreen } from './screens/depot-relocate';

interface Route {
  pattern: string;
  roles?: Role[];
  view: (me: Me, params: Record<string, string>) => preact.JSX.Element;
}

const OFFICE: Role[] = ['officer', 'admin'];
const ROUTES: Route[] = [
  { pattern: '/', view: (me) => <HomeScreen me={me} /> },
  { pattern: '/i/:id', view: (me, p) => <ItemScreen me={me} itemId={p.id} /> },
  { pattern: '/cari', view: () => <SearchScreen /> },
  { pattern: '/daftar', roles: OFFICE, view: (me) => <RegisterScreen me={me} /> },
  { pattern: '/impor', roles: OFFICE, view: (me) => <ImportScreen me={me} /> },
  { pattern: '/inventaris', view: (me) => <InventoryScreen me={me} /> },
  { pattern: '/transfer', view: (me) => <TransfersScreen me={me} /> },
  { pattern: '/transfer/:id', view: (me, p) => <TransferScreen me={me} transferId={p.id} /> },
  { pattern: '/tas', roles: ['courier'], view: (me) => <BagScreen me={me} /> },
  { pattern: '/pindai', roles: ['courier'], view: (me) => <ScanSessionScreen me={me} /> },
  { pattern: '/depo', roles: ['depot'], view: (me) => <DepotScreen me={me} /> },
  { pattern: '/depo/rak', roles: ['depot'], view: (me) => <ShelfScreen me={me} /> },
  // A shelf label's QR code opened by a phone's own camera app.
  {
    pattern: '/rak/:depot/:room/:shelf',
    roles: ['depot'],
    view: (me) => <ShelfScreen me={me} opened={location.href} />,
  },
  { pattern: '/depo/terima-lepas', roles: ['depot'], view: (me) => <LooseIntakeScreen me={me} /> },
  { pattern: '/depo/pinjam', roles: ['depot'], view: (me) => <DepotLoansScreen me={me} /> },
  { pattern: '/depo/pindah', roles: ['depot'], view: (me) => <RelocateScreen me={me} /> },
  {
    pattern: '/depo/terima/:id',
    roles: ['depot'],
    view: (me, p) => <IntakeScreen me={me} transferId={p.id} />,
  },
  { pattern: '/audit', roles: ['auditor', 'admin'], view: () => <ReplayScreen /> },
  { pattern: '/audit/:id', roles: ['auditor', 'admin'], view: (_me, p) => <ReplayScreen itemId={p.id} /> },
  { pattern: '/admin/token', roles: ['admin'], view: () => <TokensScreen /> },
  { pattern: '/admin/tempat', roles: ['admin'], view: () => <PlacesScreen /> },
  { pattern: '/admin/orang', roles: ['admin'], view: () => <PeopleScreen /> },
];

/** What each role sees first in the menu (web-app.md "Home screen by role"). */
const MENU: Record<Role, [string, string][]> = {
  officer: [
    ['/', 'Beranda'],
    ['/cari', 'Cari arsip'],
    ['/daftar', 'Daftarkan'],
    ['/impor', 'Impor daftar arsip'],
    ['/inventaris', 'Inventaris'],
    ['/transfer', 'Transfer'],
  ],
  courier: [
    ['/tas', 'Tas saya'],
    ['/pindai', 'Pindai'],
    ['/cari', 'Cari arsip'],
  ],
  depot: [
    ['/depo', 'Kiriman masuk'],
    ['/depo/rak', 'Rak'],
    ['/depo/pinjam', 'Peminjaman'],
    ['/depo/pindah', 'Pindah tempat'],
    ['/inventaris', 'Inventaris depo'],
    ['/cari', 'Cari arsip'],
  ],
  auditor: [
    ['/audit', 'Telusuri ulang'],
    ['/cari', 'Cari arsip'],
  ],
  admin: [
    ['/admin/token', 'Token'],
    ['/admin/orang', 'Orang'],
    ['/admin/tempat', 'Tempat'],
    ['/cari', 'Cari arsip'],
    ['/daftar', 'Daftarkan'],
    ['/audit', 'Telusuri ulang'],
  ],
};

export function App() {
  const path = usePath();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    restore().then(setMe, () => setMe(null));
  }, []);

  // The roles that scan get the decoder into the offline cache while they still have signal.
  useEffect(() => {
    if (me?.role === 'courier' || me?.role === 'depot')
      void warmDecoderSoon().then((kept) => {
        // Tests and the bench wait for it before they cut the signal.
        document.documentElement.dataset.decoderCached = String(kept);
      });
  }, [me?.role]);

  useEffect(() => {
    document.addEventListener('click', onLinkClick);
    return () => document.removeEventListener('click', onLinkClick);
  }, []);

  if (me === undefined) return <Busy label="Membuka Jejak…" />;

  if (!me) {
    // A deep link (a QR label's /i/<id>) signs in first, then opens what was asked for.
    const next = path.startsWith('/masuk') ? '/' : path;
    return (
      <Shell me={null} path={path}>
        <SignInScreen
          onSignedIn={(who) => {
            setMe(who);
            navigate(next === '/' ? homeOf(who.role) : next, true);
          }}
        />
      </Shell>
    );
  }

  const found = ROUTES.map((route) => ({ route, params: match(route.pattern, path) })).find((r) => r.params);
  let body: preact.JSX.Element;
  if (!found || path.startsWith('/masuk')) body = <NotFound me={me} />;
  else if (found.route.roles && !found.route.roles.includes(me.role))
    body = (
      <section class="page">
        <h1>Bukan untuk peran Anda</h1>
        <p>
          Halaman ini untuk {found.route.roles.map((r) => ROLE_WORDS[r]).join(', ')}. Anda masuk sebagai{' '}
          {ROLE_WORDS[me.role]}. <a href="/">Kembali ke beranda</a>.
        </p>
      </section>
    );
  else body = found.route.view(me, found.params!);

  return (
    <Shell
      me={me}
      path={path}
      onSignOut={() => {
        void signOut(me).then(() => {
          setMe(null);
          navigate('/', true);
        });
      }}
    >
      {body}
    </Shell>
  );
}

export const homeOf = (role: Role): string =>
  ({ officer: '/', courier: '/tas', depot: '/depo', auditor: '/audit', admin: '/admin/token' })[role];

function NotFound({ me }: { me: Me }) {
  return (
    <section class="page">
      <h1>Halaman tidak ada</h1>
      <p>
        Alamat ini tidak dikenal. <a href={homeOf(me.role)}>Buka beranda</a> atau{' '}
        <a href="/cari">cari arsip</a>.
      </p>
    </section>
  );
}

function Shell({
  me,
  path,
  onSignOut,
  children,
}: {
  me: Me | null;
  path: string;
  onSignOut?: () => void;
  children: preact.ComponentChildren;
}) {
  const menu = me ? MENU[me.role] : [];
  const current = path.split('?')[0];
  return (
    <>
      <a class="skip" href="#isi">
        Langsung ke isi
      </a>
      <header class="top">
        <a class="brand" href={me ? homeOf(me.role) : '/'}>
          Jejak
        </a>
        {me && (
          <div class="who">
            <span>
              {me.name} · {ROLE_WORDS[me.role]}
            </span>
            <button type="button" class="link" onClick={onSignOut}>
              Keluar
            </button>
          </div>
        )}
      </header>
      {menu.length > 0 && (
        <nav class="menu" aria-label="Menu utama">
          {menu.map(([href, text]) => (
            <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
              {text}
            </a>
          ))}
        </nav>
      )}
      <main id="isi">{children}</main>
    </>
  );
}
