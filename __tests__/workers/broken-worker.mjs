// A worker entry that fails as it loads: the pool must stop, not restart it forever.
throw new Error('this worker cannot start');
