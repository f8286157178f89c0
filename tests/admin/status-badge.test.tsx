import { StatusBadge } from '../../src/plugins/client-portal/admin/src/components/StatusBadge';
import { render, screen } from './render';

describe('StatusBadge', () => {
  it('shows the label and carries the status', () => {
    render(<StatusBadge status="delivery_failed" label="Delivery failed" />);
    const badge = screen.getByTestId('portal-status');
    expect(badge).toHaveTextContent('Delivery failed');
    expect(badge).toHaveAttribute('data-status', 'delivery_failed');
  });

  it('takes another test id, so several badges can sit on one page', () => {
    render(
      <>
        <StatusBadge status="active" label="Active" testId="account-status" />
        <StatusBadge status="invited" label="Invited" testId="invitation-status" />
      </>,
    );
    expect(screen.getByTestId('account-status')).toHaveAttribute('data-status', 'active');
    expect(screen.getByTestId('account-status')).toHaveTextContent(/^Active$/);
    expect(screen.getByTestId('invitation-status')).toHaveAttribute('data-status', 'invited');
    expect(screen.queryByTestId('portal-status')).not.toBeInTheDocument();
  });
});
