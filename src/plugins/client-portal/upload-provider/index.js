// The provider is written in TypeScript with the plugin's server and compiled with it (npm run build:plugin).
module.exports = require('../dist/server/upload-provider').default;
