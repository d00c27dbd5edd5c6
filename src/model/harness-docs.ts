/** The Harness docs pages the policies come from. */
export const DOCS_CONNECT_REGISTRY =
  'https://developer.harness.io/docs/platform/connectors/artifact-repositories/connect-to-harness-container-image-registry-using-docker-connector';
export const DOCS_HARNESS_CLOUD =
  'https://developer.harness.io/docs/continuous-integration/use-ci/set-up-build-infrastructure/use-harness-cloud-build-infrastructure';
