/** What the pane is doing with packages: download progress in words and bytes, installing, or why it failed. */
import { Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar } from '@fluentui/react-components';
import type { PackageManager } from './package-manager';
import { usePackageActivity } from './use-package-activity';

export function PackageActivityView({ packages }: { packages: PackageManager }) {
  const activity = usePackageActivity(packages);
  switch (activity.state) {
    case 'downloading':
      return (
        <Field validationMessage={activity.text} validationState="none" data-testid="package-progress">
          <ProgressBar
            aria-label={activity.text}
            value={activity.total ? Math.min(1, activity.loaded / activity.total) : undefined}
            thickness="large"
          />
        </Field>
      );
    case 'installing':
      return (
        <Caption1 role="status" data-testid="package-progress">
          {activity.text}
        </Caption1>
      );
    case 'ready':
      return (
        <Caption1 role="status" data-testid="package-ready">
          {activity.text}
        </Caption1>
      );
    case 'failed':
      return (
        <MessageBar intent="error" data-testid="package-error">
          <MessageBarBody>
            <MessageBarTitle>A Python package could not be loaded</MessageBarTitle>
            {activity.error.message}
          </MessageBarBody>
        </MessageBar>
      );
    default:
      return null;
  }
}
