// Trial.Runner grows the xunit integration and the trial command; it holds no types yet.
