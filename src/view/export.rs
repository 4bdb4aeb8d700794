//! PLACEHOLDER: downloads (topology as SVG, metrics as CSV). The teaching work fills it in.
