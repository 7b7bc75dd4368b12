// `serrano`: the command line over Serrano's own example designs. Everything lives in the
// SerranoCLI library, which other packages call with their own designs.
import SerranoCLI

SerranoCommand.mainWithExamples()
