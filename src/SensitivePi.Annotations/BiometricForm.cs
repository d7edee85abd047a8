namespace SensitivePi;

/// <summary>In which form biometric data is held (CAC face rules Art. 17; GB/T §7.1 d).</summary>
public enum BiometricForm
{
    /// <summary>Not stated. Biometric <c>byte[]</c>, stream and image values of unspecified form are treated as raw samples.</summary>
    Unspecified,

    /// <summary>A raw sample: face image, video, fingerprint image, voice recording.</summary>
    RawSample,

    /// <summary>An extracted feature template that cannot be turned back into the sample.</summary>
    Template,
}
