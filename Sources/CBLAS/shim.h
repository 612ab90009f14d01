// The system CBLAS interface. On Debian it comes from libblas-dev (reference BLAS),
// or from OpenBLAS when it is selected through update-alternatives.
#include <cblas.h>
