import { LocationProvider, Route, Router } from 'preact-iso';
import { Header, Member } from './components/Layout';
import { Page } from './components/ui';
import { AcceptPage, ChangePasswordPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyPage } from './pages/accounts';
import { FormPage } from './pages/form';
import { InvitePage } from './pages/invite';
import { MessagesPage } from './pages/messages';
import { NotesPage } from './pages/notes';
import { TransactionPage } from './pages/transaction';
import { ViewingPage, ViewingsPage } from './pages/viewings';
import { ProfilePage } from './pages/profile';
import { PropertiesPage } from './pages/properties';
import { PropertyPage } from './pages/property';
import { BASE, href, PortalProvider, usePortal } from './portal';

const NotFound = () => {
  const { t } = usePortal();
  return (
    <Page title={t('app.notFound')}>
      <p>
        <a href={href('/')}>{t('app.home')}</a>
      </p>
    </Page>
  );
};

const member = (Component: (props: any) => any, flag?: string) => (props: any) => (
  <Member flag={flag}>
    <Component {...props} />
  </Member>
);

const Home = member(PropertiesPage);
const OneProperty = member(({ params }: { params: { id: string } }) => <PropertyPage id={params.id} />, 'viewProperties');
const Form = member(FormPage);
const Messages = member(MessagesPage, 'messageAgent');
const Viewings = member(ViewingsPage, 'requestViewings');
const OneViewing = member(({ params }: { params: { id: string } }) => <ViewingPage id={params.id} />, 'requestViewings');
const Notes = member(NotesPage, 'writeNotes');
const Transaction = member(TransactionPage);
const Invite = member(InvitePage, 'inviteOthers');
const Profile = member(ProfilePage);
const ChangePassword = (props: any) => {
  const { client } = usePortal();
  return client.signedIn ? <ChangePasswordPage {...props} /> : <LoginPage />;
};

/** The pages of the portal; the emails link to /accept, /login, /verify, /reset-password, /forgot-password and /messages. */
export const App = () => (
  <LocationProvider scope={BASE}>
    <PortalProvider>
      <Header />
      <main id="main">
        <Router>
          <Route path={href('/')} component={Home} />
          <Route path={href('/properties/:id')} component={OneProperty} />
          <Route path={href('/form')} component={Form} />
          <Route path={href('/messages')} component={Messages} />
          <Route path={href('/viewings')} component={Viewings} />
          <Route path={href('/viewings/:id')} component={OneViewing} />
          <Route path={href('/notes')} component={Notes} />
          <Route path={href('/transaction')} component={Transaction} />
          <Route path={href('/invite')} component={Invite} />
          <Route path={href('/profile')} component={Profile} />
          <Route path={href('/change-password')} component={ChangePassword} />
          <Route path={href('/accept')} component={AcceptPage} />
          <Route path={href('/login')} component={LoginPage} />
          <Route path={href('/register')} component={RegisterPage} />
          <Route path={href('/verify')} component={VerifyPage} />
          <Route path={href('/forgot-password')} component={ForgotPasswordPage} />
          <Route path={href('/reset-password')} component={ResetPasswordPage} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </PortalProvider>
  </LocationProvider>
);
