'use strict';

/** Images and fonts imported by admin code resolve to a plain file name in tests. */
module.exports = 'test-file-stub';
