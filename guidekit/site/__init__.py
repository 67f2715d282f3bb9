"""The site layer: what the engine's adapters (hooks/) call. Loads and checks every guide, builds the
page set for one site address, branding, the CSP and link checks of built pages. May import every layer below."""
