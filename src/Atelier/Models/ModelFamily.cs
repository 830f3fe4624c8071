namespace Atelier.Models;

public enum ModelFamily
{
    Gan,
    Vae,
}
